package org.framescope.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.framescope.data.LabeledArticle;
import org.framescope.model.Level;
import org.junit.jupiter.api.Test;

/** The HTML report is one self-contained file with the tables, charts and errors. */
class HtmlReportTest {

    static List<BufferedImage> images(String html) throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(html);
        while (m.find()) {
            out.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
        }
        return out;
    }

    @Test
    void reportIsSelfContainedWithChartsTablesAndEscapedErrors() throws Exception {
        List<LabeledArticle> arts = EvalFixtures.articles(30, 21);
        Predictions a = EvalFixtures.predictions("model-a", arts, 0.5, 1);
        Predictions b = EvalFixtures.predictions("model-b", arts, 0.3, 2);
        Evaluation e = Evaluator.metrics(a, true);
        Comparison c = PairedBootstrap.compare(a, b, 100, 1, 0.95);
        List<ErrorRow> errors = Misclassified.rows(a);
        String html = HtmlReport.render(e, errors, 5, c);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        // nothing to fetch: no scripts, no external stylesheets, images or links
        assertThat(html).doesNotContain("<script", "<link", "src=\"http", "href=\"http", "url(", "@import");
        assertThat(html)
                .contains(
                        "id=\"summary\"",
                        "id=\"paragraph\"",
                        "id=\"article\"",
                        "id=\"lang\"",
                        "id=\"compare\"",
                        "id=\"errors\"",
                        "id=\"definitions\"",
                        "[[TN, FP], [FN, TP]]");
        assertThat(html)
                .contains(
                        "Evaluation of model-a",
                        "paragraph-frames",
                        "article-stance",
                        c.verdict().substring(0, 20));
        // per-label table, confusion matrix and averages
        assertThat(html)
                .contains("<th>PR-AUC</th>", "Confusion matrix (rows: gold, columns: predicted)", "<td>samples</td>");
        // charts: per level: frames (bars, PR, reliability, sweep) + stance (bars, confusion, PR, reliability) = 8;
        // 2 levels -> 16, + 2 language charts + 1 forest plot
        List<BufferedImage> imgs = images(html);
        assertThat(imgs).hasSize(19).allSatisfy(img -> {
            assertThat(img).isNotNull();
            assertThat(img.getWidth()).isGreaterThan(300);
        });
        // the worst errors: 5 per task and level, text escaped
        assertThat(html)
                .contains("Paragraph level · frames <small>(5 of "
                        + errors.stream()
                                .filter(r ->
                                        r.level() == Level.PARAGRAPH && r.task().equals("frames"))
                                .count()
                        + " wrong decisions)");
        assertThat(html).contains("Article level · stance <small>(");
        assertThat(errors).anyMatch(r -> r.item().text().contains("<b>with markup"));
        String everything = HtmlReport.render(e, errors, 1000, null);
        assertThat(everything)
                .doesNotContain("<b>with markup")
                .contains("&lt;b&gt;with markup &amp; &quot;quotes&quot;&lt;/b&gt;");
    }

    @Test
    void anErrorRowShowsWhatMisledTheModelEscaped() throws Exception {
        List<LabeledArticle> arts = EvalFixtures.articles(30, 21);
        Predictions a = EvalFixtures.predictions("model-a", arts, 0.5, 1);
        List<ErrorRow> errors = Misclassified.rows(a);
        ErrorRow withExtra =
                errors.stream().filter(r -> !r.extra().isEmpty()).findFirst().orElseThrow();
        org.framescope.result.Explanation why = new org.framescope.result.Explanation(
                withExtra.level(),
                withExtra.task(),
                withExtra.extra().get(0),
                0.9,
                0,
                List.of(new org.framescope.result.Explanation.SentenceWeight(0, 0, 20, "A <misleading> line.", 0.4)),
                List.of(
                        new org.framescope.result.Explanation.TermWeight("pact", "lexical", 0.2),
                        new org.framescope.result.Explanation.TermWeight("moscow", "embedding", 0.1),
                        new org.framescope.result.Explanation.TermWeight("rain", "lexical", -0.1)));
        String html = HtmlReport.render(
                Evaluator.metrics(a, true), errors, 1000, null, r -> r.equals(withExtra) ? List.of(why) : List.of());
        assertThat(html)
                .containsOnlyOnce("<div class=\"why\">")
                .contains(
                        "<b>why " + withExtra.extra().get(0)
                                + "</b>: <q>A &lt;misleading&gt; line.</q> <small>(+0.40)</small>",
                        "pushed up by pact, moscow<sup>enc</sup></div>")
                .doesNotContain("rain");
    }

    @Test
    void reportWithoutComparisonOrLanguagesOrParagraphs() throws Exception {
        List<LabeledArticle> arts = EvalFixtures.articles(10, 22);
        Predictions p = org.framescope.eval.Evaluator.predictions(
                "m",
                "f.csv",
                EvalFixtures.SCHEME,
                arts,
                EvalFixtures.scores(arts, 1.0, 3),
                org.framescope.model.DecisionRules.identity(EvalFixtures.SCHEME),
                false);
        Evaluation e = Evaluator.metrics(p, false);
        String html = HtmlReport.render(e, Misclassified.rows(p), 25, null);
        assertThat(html)
                .doesNotContain("id=\"compare\"", "id=\"lang\"", "id=\"paragraph\"")
                .contains("id=\"article\"");
        assertThat(images(html)).hasSize(8);
    }

    @Test
    void anchorsAreSanitised() {
        assertThat(HtmlReport.anchor("article", "stance west")).isEqualTo("article-stance_west");
    }

    static final String XSS = "<script>alert(1)</script>\"q'";
    static final String XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;q&#39;";

    @Test
    void userStringsAreEscapedByTheTemplates() throws Exception {
        List<LabeledArticle> arts = EvalFixtures.articles(10, 22);
        Predictions p = Evaluator.predictions(
                "model " + XSS,
                "file " + XSS + ".csv",
                EvalFixtures.SCHEME,
                arts,
                EvalFixtures.scores(arts, 1.0, 3),
                org.framescope.model.DecisionRules.identity(EvalFixtures.SCHEME),
                false);
        Evaluation e = Evaluator.metrics(p, false);
        // an error row whose id, text and labels all carry markup and quotes
        String label = "label " + XSS;
        EvalItem item = new EvalItem("id " + XSS, "art " + XSS, 0, 7, "en" + XSS, "text " + XSS);
        ErrorRow evil = new ErrorRow(
                Level.ARTICLE,
                item,
                "stance",
                List.of(label),
                List.of("none"),
                List.of(label),
                List.of("none"),
                java.util.Map.of(label, 0.1, "none", 0.9),
                0.9);
        org.framescope.result.Explanation why = new org.framescope.result.Explanation(
                Level.ARTICLE,
                "stance",
                "none",
                0.9,
                0,
                List.of(new org.framescope.result.Explanation.SentenceWeight(0, 0, 20, "sentence " + XSS, 0.4)),
                List.of(new org.framescope.result.Explanation.TermWeight("term " + XSS, "lexical", 0.2)));
        String html = HtmlReport.render(e, List.of(evil), 10, null, r -> List.of(why));

        assertThat(html).doesNotContain("<script", "alert(1)</script>", "\"q'");
        assertThat(html)
                .contains(
                        "Evaluation of model " + XSS_ESCAPED,
                        "<code>file " + XSS_ESCAPED + ".csv</code>",
                        "<code>id " + XSS_ESCAPED + "</code>",
                        "text " + XSS_ESCAPED,
                        "<span class=\"missed\">label " + XSS_ESCAPED + "</span>",
                        "label " + XSS_ESCAPED + "&nbsp;0.10",
                        "<q>sentence " + XSS_ESCAPED + "</q>",
                        "pushed up by term " + XSS_ESCAPED,
                        "row 7 · en" + XSS_ESCAPED + " · error 0.90");
    }

    @Test
    void stylesheetIsInlinedAndEverySectionHeadingIsThere() throws Exception {
        List<LabeledArticle> arts = EvalFixtures.articles(30, 21);
        Predictions a = EvalFixtures.predictions("model-a", arts, 0.5, 1);
        Predictions b = EvalFixtures.predictions("model-b", arts, 0.3, 2);
        Comparison c = PairedBootstrap.compare(a, b, 100, 1, 0.95);
        String html = HtmlReport.render(Evaluator.metrics(a, true), Misclassified.rows(a), 5, c);
        String css;
        try (var in = HtmlReport.class.getResourceAsStream("report/report.css")) {
            css = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // the whole stylesheet, unescaped (its font names keep their quotes), inside <style>
        assertThat(css).contains("\"Segoe UI\"", "table.errors td.text{white-space:pre-wrap}");
        assertThat(html).contains("<style>" + css + "</style>");
        assertThat(html)
                .contains(
                        "<h2>Summary</h2>",
                        "<h2>Paragraph level</h2>",
                        "<h2>Article level</h2>",
                        "<h2>By language</h2>",
                        "<h2>Comparison</h2>",
                        "<h2>Worst errors</h2>",
                        "<h2>Definitions</h2>",
                        "<summary>Threshold sweep: F1 per label at thresholds 0.05 … 0.95</summary>");
        assertThat(html)
                .contains(
                        "<nav><a href=\"#summary\">Summary</a> <a href=\"#paragraph\">Paragraph level</a> <a href=\"#article\">Article level</a>"
                                + " <a href=\"#lang\">By language</a> <a href=\"#compare\">Comparison</a> <a href=\"#errors\">Worst errors</a>"
                                + " <a href=\"#definitions\">Definitions</a></nav>");
        // numbers keep their formats: shaded 3-digit scores, 4-digit ECE, signed differences
        assertThat(html)
                .containsPattern("<td style=\"background:hsl\\(\\d+,70%,88%\\)\">\\d\\.\\d{3}</td>")
                .containsPattern("expected calibration error <b>\\d\\.\\d{4}</b></p>")
                .containsPattern("<td>[+-]\\d\\.\\d{3}</td><td>\\[[+-]\\d\\.\\d{3}, [+-]\\d\\.\\d{3}\\]</td>")
                .contains("<th>95% interval</th>", "<td class=\"diag\">");
    }
}
