package org.framescope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.framescope.result.ArticleInput;
import org.junit.jupiter.api.Test;

/** The request binding without a server: strict types (no coercion), defaults, and messages that name the field. */
class ClassifyRequestTest {

    private static ClassifyRequest parse(String json) {
        return ClassifyRequest.parse(json.getBytes(StandardCharsets.UTF_8), 3, 100);
    }

    private static void refused(String json, int status, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void bindsOneArticleAndABatchWithDefaults() {
        ClassifyRequest one = parse("{\"id\":\"a\",\"text\":\"Some text.\"}");
        assertThat(one.batch()).isFalse();
        assertThat(one.articles()).containsExactly(new ArticleInput("a", "Some text."));
        assertThat(one.options()).isEqualTo(ClassifyRequest.Options.DEFAULT);
        ClassifyRequest batch = parse(
                "{\"articles\":[{\"text\":\"x\"},{\"id\":null,\"text\":\"y\"}],\"options\":{\"allScores\":false,\"explain\":null}}");
        assertThat(batch.batch()).isTrue();
        assertThat(batch.articles()).containsExactly(new ArticleInput(null, "x"), new ArticleInput(null, "y"));
        assertThat(batch.options()).isEqualTo(new ClassifyRequest.Options(true, false, false));
    }

    @Test
    void scalarsAreNotCoerced() {
        refused("{\"text\": 5}", 400, "field 'text' must be a string, not a number");
        refused("{\"text\": 1.5}", 400, "field 'text' must be a string, not a number");
        refused("{\"text\": true}", 400, "field 'text' must be a string, not a boolean");
        refused("{\"text\": \"x\", \"id\": 7}", 400, "field 'id' must be a string, not a number");
        refused(
                "{\"text\": \"x\", \"options\": {\"explain\": 1}}",
                400,
                "field 'options.explain' must be true or false, not a number");
        refused(
                "{\"text\": \"x\", \"options\": {\"explain\": \"true\"}}",
                400,
                "field 'options.explain' must be true or false, not a string");
        refused(
                "{\"text\": \"x\", \"options\": {\"explain\": \"\"}}",
                400,
                "field 'options.explain' must be true or false, not a string");
        refused("{\"articles\": \"\"}", 400, "field 'articles' must be an array of objects, not a string");
        refused("{\"articles\": [\"\"]}", 400, "field 'articles[0]' must be an object, not a string");
        refused("{\"articles\": [[]]}", 400, "field 'articles[0]' must be an object, not an array");
        refused("{\"text\": \"x\", \"options\": []}", 400, "field 'options' must be an object, not an array");
        refused("{\"text\": [\"x\"]}", 400, "field 'text' must be a string, not an array");
    }

    @Test
    void nullsWhereAValueIsNeeded() {
        refused("null", 400, "request body must be a JSON object, not null");
        refused("{\"text\": null}", 400, "field 'text' is missing");
        refused(
                "{\"text\": null, \"articles\": [{\"text\": \"x\"}]}",
                400,
                "give either 'text' (one article) or 'articles' (a batch), not both");
        refused(
                "{\"id\": null, \"articles\": [{\"text\": \"x\"}]}",
                400,
                "field 'id' belongs inside each element of 'articles' in a batch");
        refused("{\"articles\": null}", 400, "field 'articles' must be an array of objects, not null");
        refused("{\"articles\": [null]}", 400, "field 'articles[0]' must be an object, not null");
        refused("{\"articles\": [{\"text\": null}]}", 400, "field 'articles[0].text' is missing");
    }

    @Test
    void unknownAndDuplicateFieldsAndLimits() {
        refused(
                "{\"text\": \"x\", \"Text\": \"y\"}",
                400,
                "unknown field 'Text' (expected: articles, id, options, text)");
        refused(
                "{\"articles\": [{\"text\": \"x\", \"lang\": \"en\"}]}",
                400,
                "unknown field 'articles[0].lang' (expected: id, text)");
        refused(
                "{\"text\": \"x\", \"options\": {\"scores\": true}}",
                400,
                "unknown field 'options.scores' (expected: allScores, explain, paragraphs)");
        refused(
                "{\"text\": \"x\", \"text\": \"y\"}",
                400,
                "malformed JSON at line 1, column 21: duplicate field 'text'");
        refused(
                "{\"articles\": [{\"text\": \"a\"}, {\"text\": \"b\"}, {\"text\": \"c\"}, {\"text\": \"d\"}]}",
                413,
                "field 'articles' has 4 articles, over the limit of 3 per request");
        refused(
                "{\"articles\": [{\"text\": \"a\"}, {\"text\": \"" + "b".repeat(101) + "\"}]}",
                413,
                "field 'articles[1].text' is 101 characters, over the limit of 100");
        refused(
                "{\"id\": \"a\", \"articles\": [{\"text\": \"a\"}]}",
                400,
                "field 'id' belongs inside each element of 'articles' in a batch");
        refused("   ", 400, "request body is empty: expected a JSON object with 'text' or 'articles'");
        assertThat(parse("{\"articles\": [{\"text\": \"a\"}], \"options\": null}")
                        .options())
                .isEqualTo(ClassifyRequest.Options.DEFAULT);
        assertThat(List.of(parse("{\"text\": \"x\"}   ").articles().get(0).text()))
                .containsExactly("x");
    }
}
