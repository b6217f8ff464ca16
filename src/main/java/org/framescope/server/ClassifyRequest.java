package org.framescope.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.framescope.ArticleInput;
import org.framescope.io.JsonErrors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code POST /v1/classify} body: one article ({@code {"id","text"}}) or a batch
 * ({@code {"articles":[...]}}), with response options. Parsed by hand from the JSON tree rather than
 * bound by Jackson so that every complaint names the exact field (articles[3].text) and the limit.
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

    static final Set<String> TOP_FIELDS = Set.of("id", "text", "articles", "options");
    static final Set<String> ARTICLE_FIELDS = Set.of("id", "text");
    static final Set<String> OPTION_FIELDS = Set.of("paragraphs", "allScores", "explain");

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
            throw new ApiException(415, ct.isEmpty() ? "the request has no Content-Type: send 'Content-Type: application/json'"
                    : "unsupported Content-Type '" + shorten(ct) + "': send 'Content-Type: application/json' (charset, if given, utf-8)");
        }
    }

    static ClassifyRequest parse(byte[] body, ObjectMapper mapper, int maxArticles, int maxTextChars) {
        if (body.length == 0) {
            throw ApiException.badRequest("request body is empty: expected a JSON object with 'text' or 'articles'");
        }
        JsonNode root;
        JsonParser parser = null;
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            parser = p;
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(p);
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
            throw ApiException.badRequest("request body must be a JSON object, not " + kind(root));
        }
        unknownFields(root, TOP_FIELDS, "");
        Options options = options(root.get("options"));
        boolean hasText = root.has("text"), hasArticles = root.has("articles");
        if (hasText && hasArticles) {
            throw ApiException.badRequest("give either 'text' (one article) or 'articles' (a batch), not both");
        }
        if (!hasText && !hasArticles) {
            throw ApiException.badRequest("field 'text' is missing (or send a batch as 'articles')");
        }
        if (hasText) {
            return new ClassifyRequest(List.of(article(root, "", maxTextChars)), false, options);
        }
        if (root.has("id")) {
            throw ApiException.badRequest("field 'id' belongs inside each element of 'articles' in a batch");
        }
        JsonNode arr = root.get("articles");
        if (!arr.isArray()) {
            throw ApiException.badRequest("field 'articles' must be an array of objects, not " + kind(arr));
        }
        if (arr.isEmpty()) {
            throw ApiException.badRequest("field 'articles' must not be empty");
        }
        if (arr.size() > maxArticles) {
            throw ApiException.tooLarge("field 'articles' has " + arr.size() + " articles, over the limit of " + maxArticles + " per request");
        }
        List<ArticleInput> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            JsonNode a = arr.get(i);
            String prefix = "articles[" + i + "]";
            if (!a.isObject()) {
                throw ApiException.badRequest("field '" + prefix + "' must be an object, not " + kind(a));
            }
            unknownFields(a, ARTICLE_FIELDS, prefix + ".");
            out.add(article(a, prefix + ".", maxTextChars));
        }
        return new ClassifyRequest(out, true, options);
    }

    private static ArticleInput article(JsonNode node, String prefix, int maxTextChars) {
        JsonNode id = node.get("id");
        if (id != null && !id.isNull() && !id.isTextual()) {
            throw ApiException.badRequest("field '" + prefix + "id' must be a string, not " + kind(id));
        }
        JsonNode text = node.get("text");
        if (text == null || text.isNull()) {
            throw ApiException.badRequest("field '" + prefix + "text' is missing");
        }
        if (!text.isTextual()) {
            throw ApiException.badRequest("field '" + prefix + "text' must be a string, not " + kind(text));
        }
        String t = text.textValue();
        if (t.isBlank()) {
            throw ApiException.badRequest("field '" + prefix + "text' is empty");
        }
        if (t.length() > maxTextChars) {
            throw ApiException.tooLarge("field '" + prefix + "text' is " + t.length() + " characters, over the limit of " + maxTextChars);
        }
        return new ArticleInput(id == null || id.isNull() ? null : id.textValue(), t);
    }

    private static Options options(JsonNode node) {
        if (node == null || node.isNull()) {
            return Options.DEFAULT;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("field 'options' must be an object, not " + kind(node));
        }
        unknownFields(node, OPTION_FIELDS, "options.");
        return new Options(flag(node, "paragraphs", true), flag(node, "allScores", true), flag(node, "explain", false));
    }

    private static boolean flag(JsonNode parent, String name, boolean dflt) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest("field 'options." + name + "' must be true or false, not " + kind(v));
        }
        return v.booleanValue();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw ApiException.badRequest("unknown field '" + prefix + shorten(f) + "' (expected: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
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
