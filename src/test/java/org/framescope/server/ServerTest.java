package org.framescope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.framescope.FrameScope;
import org.framescope.result.ArticleInput;
import org.framescope.result.ArticleResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service end to end on a free loopback port, with a tiny lexical model: every endpoint and every input limit. */
class ServerTest {

    static final int MAX_ARTICLES = 8;
    static final int MAX_CHARS = 6_000;
    static final long MAX_BODY = 64 * 1024;

    static FrameScope fs;
    static FrameScopeServer server;
    static Http http;
    static List<String> texts;

    @BeforeAll
    static void start() {
        fs = FrameScope.open(TinyModel.bundle(), FrameScope.Options.defaults(), null);
        server = FrameScopeServer.start(
                ServerConfig.defaults().withWorkers(2, 32).withLimits(MAX_BODY, MAX_ARTICLES, MAX_CHARS));
        server.ready(fs);
        http = new Http(server.port());
        texts = TinyModel.texts(12, 77);
    }

    @AfterAll
    static void stop() {
        server.stop();
        fs.close();
    }

    static JsonNode expected(String id, String text) {
        return Http.MAPPER.valueToTree(fs.classify(id, text));
    }

    static String one(String id, String text) {
        ObjectNode n = Http.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("text", text);
        return n.toString();
    }

    static String batch(List<String> ts) {
        ObjectNode n = Http.MAPPER.createObjectNode();
        ArrayNode arr = n.putArray("articles");
        for (int i = 0; i < ts.size(); i++) {
            arr.addObject().put("id", "b" + i).put("text", ts.get(i));
        }
        return n.toString();
    }

    /** Every error: the status, our JSON shape, a message with the fragment, and nothing internal. */
    static JsonNode assertError(HttpResponse<String> r, int status, String fragment) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode j = Http.json(r);
        assertThat(j.size()).isEqualTo(1);
        assertThat(j.path("error").path("status").asInt()).isEqualTo(status);
        assertThat(j.path("error").size()).isEqualTo(2);
        assertThat(j.path("error").path("message").asText()).contains(fragment);
        assertThat(r.body())
                .doesNotContain(
                        "Exception",
                        "\tat ",
                        "org.framescope",
                        "org.eclipse",
                        "io.javalin",
                        "/tmp/",
                        "/work/",
                        ".java");
        return j;
    }

    // ---- endpoints ---------------------------------------------------------------------------

    @Test
    void explanationsOnlyWhenAsked() throws Exception {
        String text = texts.get(0);
        JsonNode plain = Http.json(http.post("/v1/classify", one("p", text)));
        assertThat(plain.has("explanations")).isFalse();
        ObjectNode asked = (ObjectNode) Http.MAPPER.readTree(one("p", text));
        asked.putObject("options").put("explain", true);
        HttpResponse<String> r = http.post("/v1/classify", asked.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = Http.json(r);
        assertThat(j.path("explanations").isArray()).isTrue();
        assertThat(j.path("explanations").size()).isPositive();
        JsonNode e = j.path("explanations").get(0);
        assertThat(e.path("level").asText()).isIn("article", "paragraph");
        assertThat(e.path("sentences").get(0).path("text").asText()).isNotBlank();
        // Labels and scores are the same with and without explanations.
        ((ObjectNode) j).remove("explanations");
        assertThat(j).isEqualTo(plain);
    }

    @Test
    void healthAndReadiness() {
        HttpResponse<String> h = http.get("/healthz");
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(Http.json(h).path("status").asText()).isEqualTo("ok");
        HttpResponse<String> r = http.get("/readyz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r).path("status").asText()).isEqualTo("ready");
    }

    @Test
    void modelDescribesLabelsMetricsAndProvenanceWithoutPaths() {
        HttpResponse<String> r = http.get("/v1/model");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode m = Http.json(r);
        assertThat(m.path("name").asText()).isEqualTo("synthetic");
        assertThat(m.path("features").asText()).isEqualTo("lexical");
        assertThat(m.path("tasks").get(0).path("name").asText()).isEqualTo("frames");
        assertThat(m.path("tasks").get(0).path("type").asText()).isEqualTo("multi_label");
        assertThat(m.path("tasks").get(0).path("labels").get(0).path("name").asText())
                .isEqualTo("a");
        assertThat(m.path("tasks")
                        .get(0)
                        .path("labels")
                        .get(0)
                        .path("description")
                        .asText())
                .isEqualTo("frame a");
        assertThat(m.path("tasks").get(1).path("neutral").asText()).isEqualTo("none");
        assertThat(m.path("provenance").path("dataFile").asText()).isEqualTo("synthetic.csv");
        assertThat(m.path("provenance").path("seed").asLong()).isEqualTo(42L);
        assertThat(m.has("metrics")).isTrue();
        assertThat(r.body()).doesNotContain("/tmp/secret");
    }

    @Test
    void oneArticleGetsTheLibrarysResult() {
        HttpResponse<String> r = http.post("/v1/classify", one("x1", texts.get(0)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(Http.json(r)).isEqualTo(expected("x1", texts.get(0)));
        // The shape of classify --json: the record components, in order.
        List<String> fields = new ArrayList<>();
        Http.json(r).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "language", "tasks", "paragraphs", "evidence", "droppedLines");
    }

    @Test
    void idIsOptional() {
        HttpResponse<String> r = http.post("/v1/classify", "{\"text\":" + Http.body(texts.get(1)) + "}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r)).isEqualTo(expected(null, texts.get(1)));
    }

    @Test
    void batchGetsOneResultPerArticleInOrder() {
        List<String> ts = texts.subList(0, 5);
        HttpResponse<String> r = http.post("/v1/classify", batch(ts));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = Http.json(r).path("results");
        assertThat(results.size()).isEqualTo(5);
        List<ArticleInput> in = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            in.add(new ArticleInput("b" + i, ts.get(i)));
        }
        List<ArticleResult> lib = fs.classifyArticles(in);
        for (int i = 0; i < ts.size(); i++) {
            assertThat(results.get(i)).isEqualTo(Http.MAPPER.valueToTree(lib.get(i)));
        }
    }

    @Test
    void optionsDropParagraphsAndUnpredictedScores() {
        String body = "{\"id\":\"o\",\"text\":" + Http.body(texts.get(2))
                + ",\"options\":{\"paragraphs\":false,\"allScores\":false}}";
        HttpResponse<String> r = http.post("/v1/classify", body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = Http.json(r);
        JsonNode full = expected("o", texts.get(2));
        assertThat(j.path("paragraphs").isArray()).isTrue();
        assertThat(j.path("paragraphs").size()).isZero();
        assertThat(j.path("evidence")).isEqualTo(full.path("evidence"));
        for (String task : List.of("frames", "stance")) {
            JsonNode t = j.path("tasks").path(task);
            assertThat(t.path("labels")).isEqualTo(full.path("tasks").path(task).path("labels"));
            List<String> scored = new ArrayList<>();
            t.path("scores").fieldNames().forEachRemaining(scored::add);
            List<String> labels = new ArrayList<>();
            t.path("labels").forEach(l -> labels.add(l.asText()));
            assertThat(scored).isEqualTo(labels);
        }
        HttpResponse<String> withParas = http.post(
                "/v1/classify", "{\"text\":" + Http.body(texts.get(2)) + ",\"options\":{\"allScores\":false}}");
        assertThat(Http.json(withParas).path("paragraphs").size())
                .isEqualTo(full.path("paragraphs").size());
        assertThat(Http.json(withParas)
                        .path("paragraphs")
                        .get(0)
                        .path("tasks")
                        .path("stance")
                        .path("scores")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void concurrentRequestsGetTheSameResultsAsTheLibrary() throws Exception {
        List<JsonNode> expected = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            expected.add(expected("c" + i, texts.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> f = new ArrayList<>();
            for (int k = 0; k < 64; k++) {
                int i = k % texts.size();
                if (k % 8 == 7) {
                    // A batch of three among the singles: batched and unbatched paths interleave.
                    f.add(pool.submit(() -> {
                        List<String> ts = List.of(
                                texts.get(i), texts.get((i + 1) % texts.size()), texts.get((i + 2) % texts.size()));
                        JsonNode res =
                                Http.json(http.post("/v1/classify", batch(ts))).path("results");
                        for (int b = 0; b < 3; b++) {
                            ObjectNode e = expected.get((i + b) % texts.size()).deepCopy();
                            e.put("id", "b" + b);
                            if (!res.get(b).equals(e)) {
                                return false;
                            }
                        }
                        return true;
                    }));
                } else {
                    f.add(pool.submit(() -> {
                        HttpResponse<String> r = http.post("/v1/classify", one("c" + i, texts.get(i)));
                        return r.statusCode() == 200 && Http.json(r).equals(expected.get(i));
                    }));
                }
            }
            for (Future<Boolean> x : f) {
                assertThat(x.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.metrics().render()).contains("framescope_inference_batches_total");
    }

    @Test
    void metricsAreValidPrometheusText() {
        http.post("/v1/classify", one("m", texts.get(3)));
        http.get("/no/such/route");
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String m = r.body();
        assertThat(PromText.value(
                        m,
                        "framescope_http_requests_total",
                        "route",
                        "/v1/classify",
                        "method",
                        "POST",
                        "status",
                        "200"))
                .isGreaterThanOrEqualTo(1);
        assertThat(PromText.value(
                        m, "framescope_http_request_duration_seconds_bucket", "route", "/v1/classify", "le", "+Inf"))
                .isEqualTo(
                        PromText.value(m, "framescope_http_request_duration_seconds_count", "route", "/v1/classify"));
        assertThat(PromText.value(m, "framescope_http_request_duration_seconds_count", "route", "/v1/classify"))
                .isGreaterThanOrEqualTo(1);
        assertThat(PromText.value(m, "framescope_http_request_duration_seconds_sum", "route", "/v1/classify"))
                .isPositive();
        assertThat(PromText.value(m, "framescope_http_request_errors_total", "route", "unmatched", "status", "404"))
                .isGreaterThanOrEqualTo(1);
        assertThat(PromText.value(m, "framescope_http_requests_in_flight")).isEqualTo(1); // this scrape itself
        for (String reason : List.of("overload", "timeout", "not_ready", "shutting_down")) {
            assertThat(PromText.value(m, "framescope_rejected_requests_total", "reason", reason))
                    .as(reason)
                    .isNotNaN(); // a series from the start
        }
        assertThat(PromText.value(m, "framescope_queue_depth")).isNotNaN();
        assertThat(PromText.value(m, "framescope_model_ready")).isEqualTo(1);
        assertThat(PromText.value(m, "framescope_classified_paragraphs_total")).isPositive();
        assertThat(PromText.value(m, "framescope_process_peak_resident_memory_bytes"))
                .isNotNaN();
        assertThat(m)
                .contains(
                        "# TYPE framescope_http_request_duration_seconds histogram",
                        "# TYPE framescope_http_requests_total counter",
                        "# TYPE framescope_queue_depth gauge");
        for (String line : m.split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\\{[^}]*\\})? -?[0-9.e+E-]+");
        }
    }

    // ---- routing -----------------------------------------------------------------------------

    @Test
    void unknownRouteIs404() {
        assertError(http.get("/v2/classify"), 404, "no such endpoint: GET /v2/classify");
        assertError(http.post("/", "{}"), 404, "no such endpoint");
        assertError(http.get("/healthz/"), 404, "no such endpoint: GET /healthz/");
        assertError(http.post("/v1/classify/", "{}"), 404, "no such endpoint");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> r = http.get("/v1/classify");
        assertError(r, 405, "method GET is not allowed on /v1/classify (allowed: POST)");
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertError(http.post("/healthz", "{}"), 405, "allowed: GET");
        assertError(http.method("DELETE", "/v1/model", null), 405, "DELETE");
    }

    // ---- malformed input -----------------------------------------------------------------------

    @Test
    void malformedJsonIs400() {
        assertError(http.post("/v1/classify", "{\"text\": \"abc"), 400, "malformed JSON at line 1");
        assertError(http.post("/v1/classify", "{\"text\": \"abc\"} trailing"), 400, "malformed JSON");
        assertError(http.post("/v1/classify", "not json"), 400, "malformed JSON");
        assertError(http.post("/v1/classify", "{\"text\":\"a\",\"text\":\"b\"}"), 400, "duplicate field 'text'");
        assertError(http.post("/v1/classify", ""), 400, "request body is empty");
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        assertError(http.post("/v1/classify", "[1,2]"), 400, "must be a JSON object, not an array");
        assertError(http.post("/v1/classify", "{\"text\": 5}"), 400, "field 'text' must be a string, not a number");
        assertError(
                http.post("/v1/classify", "{\"id\": [], \"text\": \"x\"}"),
                400,
                "field 'id' must be a string, not an array");
        assertError(
                http.post("/v1/classify", "{\"articles\": {}}"),
                400,
                "field 'articles' must be an array of objects, not an object");
        assertError(
                http.post("/v1/classify", "{\"articles\": [{\"text\": \"ok\"}, \"x\"]}"),
                400,
                "field 'articles[1]' must be an object, not a string");
        assertError(
                http.post("/v1/classify", "{\"articles\": [{\"text\": \"ok\"}, {\"text\": true}]}"),
                400,
                "field 'articles[1].text' must be a string, not a boolean");
        assertError(
                http.post("/v1/classify", "{\"articles\": [{\"id\": 3, \"text\": \"ok\"}]}"),
                400,
                "field 'articles[0].id' must be a string");
        assertError(
                http.post("/v1/classify", "{\"text\": \"x\", \"options\": {\"paragraphs\": \"no\"}}"),
                400,
                "field 'options.paragraphs' must be true or false, not a string");
        assertError(
                http.post("/v1/classify", "{\"text\": \"x\", \"options\": 1}"),
                400,
                "field 'options' must be an object");
    }

    @Test
    void missingUnknownAndEmptyFieldsAre400() {
        assertError(http.post("/v1/classify", "{}"), 400, "field 'text' is missing");
        assertError(http.post("/v1/classify", "{\"id\": \"a\"}"), 400, "field 'text' is missing");
        assertError(
                http.post("/v1/classify", "{\"txt\": \"a\"}"),
                400,
                "unknown field 'txt' (expected: articles, id, options, text)");
        assertError(
                http.post("/v1/classify", "{\"articles\": [{\"text\": \"a\", \"lang\": \"en\"}]}"),
                400,
                "unknown field 'articles[0].lang'");
        assertError(
                http.post("/v1/classify", "{\"text\": \"a\", \"options\": {\"scores\": true}}"),
                400,
                "unknown field 'options.scores'");
        assertError(http.post("/v1/classify", "{\"text\": \"   \"}"), 400, "field 'text' is empty");
        assertError(http.post("/v1/classify", "{\"articles\": []}"), 400, "field 'articles' must not be empty");
        assertError(
                http.post("/v1/classify", "{\"articles\": [{\"id\": \"a\"}]}"),
                400,
                "field 'articles[0].text' is missing");
        assertError(http.post("/v1/classify", "{\"text\": \"a\", \"articles\": []}"), 400, "not both");
    }

    @Test
    void textWithNothingLeftAfterBoilerplateIs400NamingTheArticle() {
        assertError(
                http.post("/v1/classify", one("bp", "Show More\nBack to top button")),
                400,
                "field 'text': no text left to classify");
        String b = "{\"articles\": [{\"text\": " + Http.body(texts.get(0))
                + "}, {\"text\": \"Show More\\nBack to top button\"}]}";
        assertError(http.post("/v1/classify", b), 400, "field 'articles[1].text': no text left");
    }

    /** Regression (#9): Jackson's class names, settings and source descriptions reached clients in 400 messages. */
    @Test
    void malformedJsonMessagesNameLineAndColumnWithoutParserInternals() {
        List<String> bodies = List.of(
                "{\"text\": \"abc",
                "{\"text\": [1, 2",
                "{\n\"text\": tru}",
                "[".repeat(1200) + "]".repeat(1200),
                "{\"text\": 1" + "0".repeat(1200) + "}",
                "{\"text\" \"x\"}");
        for (String b : bodies) {
            HttpResponse<String> r = http.post("/v1/classify", b);
            JsonNode j = assertError(r, 400, "malformed JSON at line ");
            String m = j.path("error").path("message").asText();
            assertThat(m)
                    .as(b.length() > 60 ? b.substring(0, 60) : b)
                    .matches("malformed JSON at line \\d+, column \\d+: [^`\\[]+")
                    .doesNotContain(
                            "Source",
                            "REDACTED",
                            "StreamReadConstraints",
                            "StreamReadFeature",
                            "reference chain",
                            "com.fasterxml",
                            "VALUE_STRING",
                            "start marker");
        }
        assertThat(assertError(http.post("/v1/classify", "{\n\"text\": tru}"), 400, "line 2")
                        .path("error")
                        .path("message")
                        .asText())
                .contains("'tru'");
    }

    /** Regression (#9): text/plain and type-less POSTs (what a web page may send cross-origin unasked) were classified. */
    @Test
    void classifyAcceptsOnlyJsonBodies() {
        String body = one("ct", texts.get(0));
        assertError(http.postAs("/v1/classify", "text/plain", body), 415, "unsupported Content-Type 'text/plain'");
        assertError(http.postAs("/v1/classify", "application/x-www-form-urlencoded", body), 415, "application/json");
        assertError(http.postAs("/v1/classify", "multipart/form-data; boundary=x", body), 415, "application/json");
        assertError(http.postAs("/v1/classify", "application/json; charset=iso-8859-1", body), 415, "utf-8");
        assertError(http.postAs("/v1/classify", null, body), 415, "no Content-Type");
        for (String ok :
                List.of("application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"")) {
            assertThat(http.postAs("/v1/classify", ok, body).statusCode())
                    .as(ok)
                    .isEqualTo(200);
        }
    }

    // ---- size limits -------------------------------------------------------------------------

    @Test
    void bodyOverTheLimitIs413() {
        String big = one("big", "word ".repeat((int) (MAX_BODY / 5) + 10));
        assertError(http.post("/v1/classify", big), 413, "over the limit of " + MAX_BODY + " bytes");
        // Regression: the server answered before reading the body and closed the socket with bytes unread, so
        // the kernel reset the connection and a client still sending lost the 413 (seen once in CI). Bodies
        // several times the limit, sent again and again, must all get their answer.
        String huge = one("huge", "word ".repeat((int) (MAX_BODY * 3)));
        for (int i = 0; i < 40; i++) {
            assertError(http.post("/v1/classify", huge), 413, "over the limit of " + MAX_BODY + " bytes");
            assertError(
                    http.postChunked("/v1/classify", huge.getBytes(StandardCharsets.UTF_8)),
                    413,
                    "over the limit of " + MAX_BODY + " bytes");
        }
        // Without Content-Length (chunked): refused while reading.
        assertError(
                http.postChunked("/v1/classify", big.getBytes(StandardCharsets.UTF_8)),
                413,
                "over the limit of " + MAX_BODY + " bytes");
    }

    @Test
    void batchOverTheLimitIs413WithTheLimit() {
        List<String> ts = new ArrayList<>();
        for (int i = 0; i <= MAX_ARTICLES; i++) {
            ts.add("Short article " + i + ".");
        }
        assertError(
                http.post("/v1/classify", batch(ts)),
                413,
                "field 'articles' has " + (MAX_ARTICLES + 1) + " articles, over the limit of " + MAX_ARTICLES);
    }

    @Test
    void textOverTheLimitIs413WithTheLimit() {
        String longText = "x".repeat(MAX_CHARS + 1);
        assertError(
                http.post("/v1/classify", one("l", longText)),
                413,
                "field 'text' is " + (MAX_CHARS + 1) + " characters, over the limit of " + MAX_CHARS);
        assertError(http.post("/v1/classify", batch(List.of("fine", longText))), 413, "field 'articles[1].text' is");
    }

    // ---- errors Jetty answers before the application -------------------------------------------

    @Test
    void protocolErrorsAreJsonToo() throws Exception {
        String bad = http.raw("GET /v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(bad).startsWith("HTTP/1.1 400");
        assertThat(bad).contains("{\"error\":{\"status\":400");
        String huge = http.raw("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(huge).startsWith("HTTP/1.1 431");
        assertThat(huge).contains("{\"error\":{\"status\":431").doesNotContain("<html", "Exception");
    }
}
