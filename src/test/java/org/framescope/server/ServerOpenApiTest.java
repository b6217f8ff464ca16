package org.framescope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.framescope.FrameScope;
import org.framescope.result.ArticleResult;
import org.framescope.result.Evidence;
import org.framescope.result.ParagraphResult;
import org.framescope.result.TaskResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps /openapi.json true: the routes it lists are the routes served, its schemas have the fields of
 * the records and request parser, its limits are the instance's, and real answers (including errors)
 * have documented statuses and validate against the documented schemas.
 */
class ServerOpenApiTest {

    static final String KEY = "openapi-test-key-0123456789";
    static FrameScope fs;
    static FrameScopeServer server;
    static Http http;
    static JsonNode spec;

    @BeforeAll
    static void start() {
        fs = FrameScope.open(TinyModel.bundle(), FrameScope.Options.defaults(), null);
        server = FrameScopeServer.start(ServerConfig.defaults().withApiKey(KEY).withLimits(64 * 1024, 3, 4000));
        http = new Http(server.port()).withKey(KEY);
        HttpResponse<String> r = http.get(FrameScopeServer.OPENAPI);
        assertThat(r.statusCode()).isEqualTo(200);
        spec = Http.json(r);
    }

    @AfterAll
    static void stop() {
        server.stop();
        fs.close();
    }

    @Test
    void documentsExactlyTheServedRoutes() {
        Set<String> documented = new TreeSet<>();
        spec.path("paths")
                .fields()
                .forEachRemaining(p -> p.getValue()
                        .fieldNames()
                        .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> served = new TreeSet<>();
        FrameScopeServer.ROUTES.forEach(r -> served.add(r.method() + " " + r.path()));
        assertThat(documented).isEqualTo(served);
        assertThat(spec.path("openapi").asText()).startsWith("3.0");
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(spec, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(resolve(ref).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void schemasHaveTheFieldsOfTheRecordsAndTheParser() {
        recordSchema("ArticleResult", ArticleResult.class);
        recordSchema("ParagraphResult", ParagraphResult.class);
        recordSchema("TaskResult", TaskResult.class);
        recordSchema("Evidence", Evidence.class);
        recordSchema("Explanation", org.framescope.result.Explanation.class);
        recordSchema("SentenceWeight", org.framescope.result.Explanation.SentenceWeight.class);
        recordSchema("TermWeight", org.framescope.result.Explanation.TermWeight.class);
        recordSchema("BatchResponse", FrameScopeServer.BatchResponse.class);
        recordSchema("ErrorBody", ErrorBody.class);
        assertThat(names(schema("ErrorBody").path("properties").path("error").path("properties")))
                .isEqualTo(components(ErrorBody.Detail.class));
        recordSchema("ModelInfo", ModelInfo.class);
        recordSchema("TaskInfo", ModelInfo.TaskInfo.class);
        recordSchema("LabelInfo", ModelInfo.LabelInfo.class);
        recordSchema("EncoderInfo", ModelInfo.EncoderInfo.class);
        recordSchema("ProvenanceInfo", ModelInfo.ProvenanceInfo.class);
    }

    /** The request side: the properties documented are the components of the records the body is bound into. */
    @Test
    void requestSchemasHaveTheFieldsOfTheBoundRecords() {
        assertThat(names(schema("ClassifyRequest").path("properties")))
                .isEqualTo(components(ClassifyRequest.Body.class));
        assertThat(names(schema("ArticleInput").path("properties")))
                .isEqualTo(components(ClassifyRequest.ArticleBody.class));
        assertThat(names(schema("Options").path("properties")))
                .isEqualTo(components(ClassifyRequest.OptionsBody.class));
        // Nested records are the documented nested schemas.
        assertThat(schema("ClassifyRequest")
                        .path("properties")
                        .path("articles")
                        .path("items")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/ArticleInput");
        assertThat(schema("ClassifyRequest")
                        .path("properties")
                        .path("options")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Options");
        // What the binding refuses, the description forbids: no other properties.
        for (String name : List.of("ClassifyRequest", "ArticleInput", "Options")) {
            assertThat(schema(name).path("additionalProperties").asBoolean(true))
                    .as(name)
                    .isFalse();
        }
        // The JSON types of the documented properties are those of the components.
        for (Class<? extends Record> type : List.of(
                ClassifyRequest.Body.class, ClassifyRequest.ArticleBody.class, ClassifyRequest.OptionsBody.class)) {
            String name = type == ClassifyRequest.Body.class
                    ? "ClassifyRequest"
                    : type == ClassifyRequest.ArticleBody.class ? "ArticleInput" : "Options";
            for (var c : type.getRecordComponents()) {
                JsonNode p = schema(name).path("properties").path(c.getName());
                String expected = c.getType() == String.class
                        ? "string"
                        : c.getType() == Boolean.class
                                ? "boolean"
                                : List.class.isAssignableFrom(c.getType()) ? "array" : null;
                if (expected == null) {
                    assertThat(p.path("$ref").asText())
                            .as(name + "." + c.getName())
                            .isNotEmpty();
                } else {
                    assertThat(p.path("type").asText())
                            .as(name + "." + c.getName())
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void limitsAreThoseOfThisInstance() {
        assertThat(schema("ClassifyRequest")
                        .path("properties")
                        .path("articles")
                        .path("maxItems")
                        .asInt())
                .isEqualTo(3);
        assertThat(schema("ClassifyRequest")
                        .path("properties")
                        .path("text")
                        .path("maxLength")
                        .asInt())
                .isEqualTo(4000);
        assertThat(schema("ArticleInput")
                        .path("properties")
                        .path("text")
                        .path("maxLength")
                        .asInt())
                .isEqualTo(4000);
        assertThat(spec.path("info").path("x-max-body-bytes").asLong()).isEqualTo(64 * 1024);
        assertThat(spec.path("info").path("version").asText()).isEqualTo(org.framescope.Version.VERSION);
    }

    @Test
    void realAnswersHaveDocumentedStatusesAndShapes() {
        String text = TinyModel.texts(1, 9).get(0);
        // Before the model is loaded: 503s.
        check("GET", "/readyz", null, http, 503);
        check("GET", "/v1/model", null, http, 503);
        check("POST", "/v1/classify", ServerTest.one("a", text), http, 503);
        server.ready(fs);
        // The examples in the description itself must work.
        spec.path("paths")
                .path("/v1/classify")
                .path("post")
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("examples")
                .forEach(ex -> check("POST", "/v1/classify", ex.path("value").toString(), http, 200));
        check("POST", "/v1/classify", ServerTest.one("a", text), http, 200);
        check("POST", "/v1/classify", ServerTest.batch(List.of(text, text)), http, 200);
        check("POST", "/v1/classify", "{\"text\": 1}", http, 400);
        check("POST", "/v1/classify", ServerTest.batch(List.of("a", "b", "c", "d")), http, 413);
        check("POST", "/v1/classify", ServerTest.one("a", "x".repeat(4001)), http, 413);
        check("POST", "/v1/classify", ServerTest.one("a", text), new Http(server.port()), 401);
        check("GET", "/v1/classify", null, http, 405);
        HttpResponse<String> plain = http.postAs("/v1/classify", "text/plain", ServerTest.one("a", text));
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(spec.path("paths")
                        .path("/v1/classify")
                        .path("post")
                        .path("responses")
                        .has("415"))
                .isTrue();
        assertThat(validate(Http.json(plain), schema("ErrorBody"), "$")).isEmpty();
        check("GET", "/v1/model", null, http, 200);
        check("GET", "/healthz", null, http, 200);
        check("GET", "/readyz", null, http, 200);
        check("GET", "/metrics", null, http, 200);
        check("GET", "/openapi.json", null, http, 200);
        check("PUT", "/metrics", "", http, 405);
        HttpResponse<String> unknown = http.get("/v1/nothing");
        assertThat(validate(
                        Http.json(unknown),
                        resolve(spec.path("components")
                                .path("responses")
                                .path("NotFound")
                                .path("content")
                                .path("application/json")
                                .path("schema")
                                .path("$ref")
                                .asText()),
                        "$"))
                .isEmpty();
    }

    @Test
    void theValidatorCatchesMismatches() throws Exception {
        JsonNode errorBody = schema("ErrorBody");
        assertThat(validate(Http.MAPPER.readTree("{\"error\":{\"status\":400,\"message\":\"m\"}}"), errorBody, "$"))
                .isEmpty();
        assertThat(validate(Http.MAPPER.readTree("{\"error\":{\"status\":\"400\",\"message\":\"m\"}}"), errorBody, "$"))
                .isNotEmpty();
        assertThat(validate(Http.MAPPER.readTree("{\"error\":{\"status\":400}}"), errorBody, "$"))
                .isNotEmpty();
        assertThat(validate(
                        Http.MAPPER.readTree("{\"error\":{\"status\":400,\"message\":\"m\"},\"x\":1}"), errorBody, "$"))
                .isNotEmpty();
        JsonNode result =
                Http.MAPPER.valueToTree(fs.classify("v", TinyModel.texts(1, 3).get(0)));
        assertThat(validate(result, schema("ArticleResult"), "$")).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        result.path("paragraphs").get(0))
                .put("index", "zero");
        assertThat(validate(result, schema("ArticleResult"), "$"))
                .containsExactly("$.paragraphs[0].index: expected integer, got STRING");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void check(String method, String path, String body, Http client, int expectStatus) {
        HttpResponse<String> r = client.method(method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expectStatus);
        JsonNode op = spec.path("paths").path(path).path(method.toLowerCase());
        if (r.statusCode() == 405) {
            // A wrong method has no operation of its own; the path's operations document the 405.
            op = spec.path("paths").path(path).elements().next();
        }
        assertThat(op.isMissingNode()).as(method + " " + path + " documented").isFalse();
        JsonNode resp = op.path("responses").path(Integer.toString(r.statusCode()));
        assertThat(resp.isMissingNode())
                .as(method + " " + path + " documents status " + r.statusCode())
                .isFalse();
        if (resp.has("$ref")) {
            resp = resolve(resp.get("$ref").asText());
        }
        if (resp.path("headers").has("Retry-After")) {
            assertThat(r.headers().firstValue("Retry-After"))
                    .as("Retry-After on " + r.statusCode())
                    .isPresent();
        }
        JsonNode json = resp.path("content").path("application/json").path("schema");
        if (!json.isMissingNode()) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(validate(Http.json(r), json, "$"))
                    .as(method + " " + path + " " + r.statusCode())
                    .isEmpty();
        } else {
            assertThat(resp.path("content").has("text/plain")).isTrue();
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        }
    }

    private static JsonNode schema(String name) {
        return spec.path("components").path("schemas").path(name);
    }

    private static void recordSchema(String name, Class<? extends Record> type) {
        JsonNode s = schema(name);
        assertThat(s.isMissingNode()).as(name).isFalse();
        assertThat(names(s.path("properties"))).as(name + " properties").isEqualTo(components(type));
        Set<String> required = new TreeSet<>();
        s.path("required").forEach(n -> required.add(n.asText()));
        Set<String> written = new TreeSet<>(components(type));
        Arrays.stream(type.getRecordComponents())
                .filter(ServerOpenApiTest::leftOutWhenNull)
                .forEach(c -> written.remove(c.getName()));
        assertThat(required)
                .as(name + " required (Jackson writes every component, null included, unless marked NON_NULL)")
                .isEqualTo(written);
    }

    private static boolean leftOutWhenNull(java.lang.reflect.RecordComponent c) {
        try {
            var inc = c.getDeclaringRecord()
                    .getDeclaredField(c.getName())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonInclude.class);
            return inc != null && inc.value() == com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> components(Class<? extends Record> type) {
        Set<String> out = new TreeSet<>();
        Arrays.stream(type.getRecordComponents()).forEach(c -> out.add(c.getName()));
        return out;
    }

    private static Set<String> names(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void collectRefs(JsonNode n, List<String> out) {
        if (n.isObject()) {
            if (n.has("$ref")) {
                out.add(n.get("$ref").asText());
            }
            n.forEach(c -> collectRefs(c, out));
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, out));
        }
    }

    private static JsonNode resolve(String ref) {
        assertThat(ref).startsWith("#/");
        return spec.at(ref.substring(1));
    }

    /** A small validator for the OpenAPI 3.0 schema subset the description uses. */
    static List<String> validate(JsonNode v, JsonNode s, String at) {
        List<String> errors = new ArrayList<>();
        if (s.has("$ref")) {
            return validate(v, resolve(s.get("$ref").asText()), at);
        }
        if (v.isNull()) {
            if (!s.path("nullable").asBoolean(false)) {
                errors.add(at + ": null but not nullable");
            }
            return errors;
        }
        if (s.has("allOf")) {
            s.get("allOf").forEach(sub -> errors.addAll(validate(v, sub, at)));
        }
        if (s.has("oneOf")) {
            int matches = 0;
            for (JsonNode sub : s.get("oneOf")) {
                if (validate(v, sub, at).isEmpty()) {
                    matches++;
                }
            }
            if (matches != 1) {
                errors.add(at + ": matches " + matches + " of oneOf");
            }
        }
        String type = s.path("type").asText("");
        boolean ok = switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            default -> true;
        };
        if (!ok) {
            errors.add(at + ": expected " + type + ", got " + v.getNodeType());
            return errors;
        }
        if (s.has("enum")) {
            Set<JsonNode> allowed = new HashSet<>();
            s.get("enum").forEach(allowed::add);
            if (!allowed.contains(v)) {
                errors.add(at + ": " + v + " not in enum");
            }
        }
        if (v.isObject()) {
            s.path("required").forEach(r -> {
                if (!v.has(r.asText())) {
                    errors.add(at + ": missing required " + r.asText());
                }
            });
            JsonNode props = s.path("properties");
            JsonNode extra = s.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (props.has(f.getKey())) {
                    errors.addAll(validate(f.getValue(), props.get(f.getKey()), at + "." + f.getKey()));
                } else if (extra != null && extra.isBoolean() && !extra.asBoolean()) {
                    errors.add(at + ": undocumented field " + f.getKey());
                } else if (extra != null && extra.isObject()) {
                    errors.addAll(validate(f.getValue(), extra, at + "." + f.getKey()));
                }
            }
        }
        if (v.isArray() && s.has("items")) {
            for (int i = 0; i < v.size(); i++) {
                errors.addAll(validate(v.get(i), s.get("items"), at + "[" + i + "]"));
            }
        }
        return errors;
    }
}
