package org.framescope.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.List;
import org.framescope.result.ArticleInput;
import org.framescope.util.JsonErrors;

/**
 * A parsed {@code POST /v1/classify} body: one article ({@code {"id","text"}}) or a batch
 * ({@code {"articles":[...]}}), with response options. Bound by Jackson into the {@link Body} records
 * with strict settings, then checked by a small validator; every complaint names the exact field
 * (articles[3].text) and the limit.
 *
 * @param batch whether the caller sent {@code articles} (answered with {@code {"results":[...]}})
 */
record ClassifyRequest(List<ArticleInput> articles, boolean batch, Options options) {

    /**
     * @param paragraphs include per-paragraph results (default true, as {@code classify --json})
     * @param allScores  include the score of every label (default true); false keeps predicted labels' scores
     */
    record Options(boolean paragraphs, boolean allScores, boolean explain) {
        static final Options DEFAULT = new Options(true, true, false);
    }

    ClassifyRequest {
        articles = List.copyOf(articles);
    }

    int totalChars() {
        return articles.stream().mapToInt(a -> a.text().length()).sum();
    }

    /**
     * Refuses a body not declared as JSON with 415. Besides being honest about the format, it keeps
     * web pages out: a browser sends a cross-origin POST without asking first only when it is
     * text/plain, form data or has no type, and the service on loopback needs no key.
     */
    static void requireJson(String contentType) {
        String ct = contentType == null ? "" : contentType.strip();
        String[] parts = ct.split(";");
        boolean ok = parts[0].strip().equalsIgnoreCase("application/json");
        for (int i = 1; ok && i < parts.length; i++) {
            String param = parts[i].strip().toLowerCase(java.util.Locale.ROOT).replace("\"", "");
            ok = param.isEmpty() || param.replace(" ", "").equals("charset=utf-8");
        }
        if (!ok) {
            throw new ApiException(
                    415,
                    ct.isEmpty()
                            ? "the request has no Content-Type: send 'Content-Type: application/json'"
                            : "unsupported Content-Type '" + shorten(ct)
                                    + "': send 'Content-Type: application/json' (charset, if given, utf-8)");
        }
    }

    /** The body as bound: {@code null} for an absent (or null) optional field. Its components are the documented properties. */
    record Body(String text, String id, List<ArticleBody> articles, OptionsBody options) {}

    /** One element of {@code articles}. */
    record ArticleBody(String text, String id) {}

    /** {@code options}; an absent or null flag takes its default. */
    record OptionsBody(Boolean paragraphs, Boolean allScores, Boolean explain) {}

    /**
     * Strict binding: an unknown field, a duplicate field or a scalar of another JSON type (a number
     * or boolean where a string is expected, a string or number where a boolean is) is an error, not
     * a silent conversion.
     */
    private static final ObjectMapper STRICT = strictMapper();

    private static final ObjectReader BODY = STRICT.readerFor(Body.class);

    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // Coercions Jackson would otherwise make: 5 or true as "5"/"true", 1 or "true" as true, "" as an empty list or
        // object.
        fail(m, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        fail(
                m,
                LogicalType.Boolean,
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.String,
                CoercionInputShape.EmptyString);
        fail(m, LogicalType.Collection, CoercionInputShape.String, CoercionInputShape.EmptyString);
        fail(
                m,
                LogicalType.POJO,
                CoercionInputShape.String,
                CoercionInputShape.EmptyString,
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.Boolean,
                CoercionInputShape.EmptyArray);
        return m;
    }

    private static void fail(ObjectMapper m, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            m.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    static ClassifyRequest parse(byte[] body, int maxArticles, int maxTextChars) {
        JsonNode root = syntax(body);
        Body b = validate(bind(root), root, maxArticles, maxTextChars);
        return b.articles() == null
                ? new ClassifyRequest(List.of(new ArticleInput(b.id(), b.text())), false, options(b.options()))
                : new ClassifyRequest(
                        b.articles().stream()
                                .map(a -> new ArticleInput(a.id(), a.text()))
                                .toList(),
                        true,
                        options(b.options()));
    }

    /** Syntax first, the whole document, so that a malformed one is reported as such with its position. */
    private static JsonNode syntax(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("request body is empty: expected a JSON object with 'text' or 'articles'");
        }
        JsonNode root;
        JsonParser parser = null;
        try (JsonParser p = STRICT.createParser(body)) {
            parser = p;
            root = STRICT.readTree(p);
            if (p.nextToken() != null) {
                throw ApiException.badRequest("malformed JSON: unexpected content after the top-level value");
            }
        } catch (JsonProcessingException e) {
            // Our words, not Jackson's: its messages name its classes, settings and source descriptions.
            String d = JsonErrors.describe(e, parser);
            throw ApiException.badRequest("malformed JSON" + (d.startsWith("line ") ? " at " : ": ") + d);
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable request body");
        }
        if (root == null || root.isMissingNode()) {
            throw ApiException.badRequest("request body is empty: expected a JSON object with 'text' or 'articles'");
        }
        if (!root.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object, not " + kind(root.asToken()));
        }
        return root;
    }

    private static Body bind(JsonNode root) {
        try {
            return BODY.readValue(root);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream()
                    .map(String::valueOf)
                    .sorted()
                    .toList();
            throw ApiException.badRequest("unknown field '" + path(e, 1) + shorten(e.getPropertyName())
                    + "' (expected: " + String.join(", ", known) + ")");
        } catch (MismatchedInputException e) {
            JsonToken found = at(root, e).asToken();
            throw ApiException.badRequest(
                    "field '" + path(e, 0) + "' must be " + expected(e, found) + ", not " + kind(found));
        } catch (IOException e) {
            throw ApiException.badRequest("request body does not match the expected fields");
        }
    }

    /**
     * What binding cannot say: one article or a batch, not empty, within the limits. The tree tells a
     * field given as null (which the records cannot) from one left out.
     */
    private static Body validate(Body b, JsonNode root, int maxArticles, int maxTextChars) {
        boolean hasText = root.has("text"), hasArticles = root.has("articles");
        if (hasText && hasArticles) {
            throw ApiException.badRequest("give either 'text' (one article) or 'articles' (a batch), not both");
        }
        if (!hasText && !hasArticles) {
            throw ApiException.badRequest("field 'text' is missing (or send a batch as 'articles')");
        }
        if (hasText) {
            if (b.text() == null) {
                throw ApiException.badRequest("field 'text' is missing");
            }
            text(b.text(), "", maxTextChars);
            return b;
        }
        if (root.has("id")) {
            throw ApiException.badRequest("field 'id' belongs inside each element of 'articles' in a batch");
        }
        if (b.articles() == null) {
            throw ApiException.badRequest("field 'articles' must be an array of objects, not null");
        }
        if (b.articles().isEmpty()) {
            throw ApiException.badRequest("field 'articles' must not be empty");
        }
        if (b.articles().size() > maxArticles) {
            throw ApiException.tooLarge("field 'articles' has " + b.articles().size() + " articles, over the limit of "
                    + maxArticles + " per request");
        }
        for (int i = 0; i < b.articles().size(); i++) {
            ArticleBody a = b.articles().get(i);
            if (a == null) {
                throw ApiException.badRequest("field 'articles[" + i + "]' must be an object, not null");
            }
            if (a.text() == null) {
                throw ApiException.badRequest("field 'articles[" + i + "].text' is missing");
            }
            text(a.text(), "articles[" + i + "].", maxTextChars);
        }
        return b;
    }

    private static void text(String t, String prefix, int maxTextChars) {
        if (t.isBlank()) {
            throw ApiException.badRequest("field '" + prefix + "text' is empty");
        }
        if (t.length() > maxTextChars) {
            throw ApiException.tooLarge(
                    "field '" + prefix + "text' is " + t.length() + " characters, over the limit of " + maxTextChars);
        }
    }

    private static Options options(OptionsBody o) {
        if (o == null) {
            return Options.DEFAULT;
        }
        return new Options(
                o.paragraphs() == null ? Options.DEFAULT.paragraphs() : o.paragraphs(),
                o.allScores() == null ? Options.DEFAULT.allScores() : o.allScores(),
                o.explain() == null ? Options.DEFAULT.explain() : o.explain());
    }

    /** The JSON path of the failure as users write it (articles[3].text), leaving out the last {@code drop} steps. */
    private static String path(JsonMappingException e, int drop) {
        List<JsonMappingException.Reference> refs = e.getPath();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < refs.size() - drop; i++) {
            JsonMappingException.Reference r = refs.get(i);
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(shorten(r.getFieldName()));
            } else {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return drop == 1 && sb.length() > 0 ? sb + "." : sb.toString();
    }

    /** The value the binding failed on, found in the tree by the failure's path. */
    private static JsonNode at(JsonNode root, JsonMappingException e) {
        JsonNode n = root;
        for (JsonMappingException.Reference r : e.getPath()) {
            n = r.getFieldName() != null ? n.path(r.getFieldName()) : n.path(r.getIndex());
        }
        return n;
    }

    private static String expected(MismatchedInputException e, JsonToken found) {
        Class<?> t = e.getTargetType();
        if (t == String.class) {
            return "a string";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t != null && List.class.isAssignableFrom(t)) {
            return "an array of objects";
        }
        return "an object";
    }

    private static String kind(JsonToken t) {
        if (t == null || t == JsonToken.NOT_AVAILABLE) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY, END_ARRAY -> "an array";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "a value of another kind";
        };
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        s = s.replaceAll("\\s+", " ");
        return s.length() <= 160 ? s : s.substring(0, 160) + "…";
    }
}
