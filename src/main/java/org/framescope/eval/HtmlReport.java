package org.framescope.eval;

import org.framescope.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an evaluation as one self-contained HTML file: summary, per-label tables, charts (PNG data
 * URIs drawn by {@link Charts}), the per-language breakdown, an optional model comparison, the worst
 * errors with their text, and the definitions used. No scripts, no external resources.
 */
public final class HtmlReport {

    /** Longest text shown for one error (characters). */
    static final int MAX_TEXT = 1200;

    private HtmlReport() {
    }

    /**
     * @param errors     the errors, as ranked by {@link Misclassified#rows}; the report shows the first
     *                   {@code worst} of each task at each level
     * @param comparison a comparison with another model, or null
     */
    public static String render(Evaluation e, List<ErrorRow> errors, int worst, Comparison comparison) {
        return render(e, errors, worst, comparison, r -> List.of());
    }

    /**
     * As {@link #render(Evaluation, List, int, Comparison)}, with the explanations of each error row's
     * wrongly predicted labels shown beside it (what misled the model).
     *
     * @param e          the evaluation
     * @param errors     the errors, as ranked by {@link Misclassified#rows}
     * @param worst      error rows shown per task and level
     * @param comparison a comparison with another model, or null
     * @param why        the explanations of an error row's extra labels (empty when there are none or
     *                   none were computed)
     * @return the self-contained HTML page
     */
    public static String render(Evaluation e, List<ErrorRow> errors, int worst, Comparison comparison,
                                java.util.function.Function<ErrorRow, List<org.framescope.Explanation>> why) {
        StringBuilder h = new StringBuilder(1 << 20);
        String title = "Evaluation of " + e.model();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" — framescope</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">Data: <code>").append(esc(e.data()))
                .append("</code> · ").append(e.articles()).append(" articles, ").append(e.paragraphs()).append(" paragraphs")
                .append(" · framescope ").append(esc(Version.VERSION)).append("</p></header>\n");
        h.append("<nav><a href=\"#summary\">Summary</a>");
        for (String level : List.of("paragraph", "article")) {
            if (!e.level(level).isEmpty()) {
                h.append(" <a href=\"#").append(level).append("\">").append(cap(level)).append(" level</a>");
            }
        }
        if (!e.byLang().isEmpty()) {
            h.append(" <a href=\"#lang\">By language</a>");
        }
        if (comparison != null) {
            h.append(" <a href=\"#compare\">Comparison</a>");
        }
        h.append(" <a href=\"#errors\">Worst errors</a> <a href=\"#definitions\">Definitions</a></nav>\n<main>\n");
        summary(h, e);
        for (String level : List.of("paragraph", "article")) {
            if (!e.level(level).isEmpty()) {
                level(h, level, e.level(level));
            }
        }
        if (!e.byLang().isEmpty()) {
            lang(h, e);
        }
        if (comparison != null) {
            comparison(h, comparison);
        }
        errors(h, errors, worst, why);
        definitions(h);
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, Evaluation e) {
        h.append("<section id=\"summary\"><h2>Summary</h2>\n<table class=\"num lead3\"><thead><tr><th>level</th><th>task</th><th>type</th><th>items</th>")
                .append("<th>micro-F1</th><th>macro-F1</th><th>weighted-F1</th><th>samples-F1</th><th>subset accuracy</th><th>Hamming loss</th>")
                .append("<th>accuracy</th><th>ECE</th></tr></thead><tbody>\n");
        for (String level : List.of("paragraph", "article")) {
            for (TaskMetrics t : e.level(level)) {
                h.append("<tr><td>").append(level).append("</td><td><a href=\"#").append(anchor(level, t.task())).append("\">")
                        .append(esc(t.task())).append("</a></td><td>").append(t.multiLabel() ? "multi-label" : "single-label")
                        .append("</td><td>").append(t.items()).append("</td>")
                        .append(scoreCell(t.micro().f1())).append(scoreCell(t.macro().f1())).append(scoreCell(t.weighted().f1()))
                        .append(t.samples() == null ? "<td>–</td>" : scoreCell(t.samples().f1()))
                        .append(t.subsetAccuracy() == null ? "<td>–</td>" : scoreCell(t.subsetAccuracy()))
                        .append(t.hammingLoss() == null ? "<td>–</td>" : td(t.hammingLoss(), 4))
                        .append(t.accuracy() == null ? "<td>–</td>" : scoreCell(t.accuracy()))
                        .append(td(t.ece(), 4)).append("</tr>\n");
            }
        }
        h.append("</tbody></table>\n<p class=\"note\">For single-label tasks micro-F1 equals accuracy. Scores are coloured from red (0) to green (1).</p></section>\n");
    }

    private static void level(StringBuilder h, String level, List<TaskMetrics> tasks) {
        h.append("<section id=\"").append(level).append("\"><h2>").append(cap(level)).append(" level</h2>\n");
        for (TaskMetrics t : tasks) {
            h.append("<article id=\"").append(anchor(level, t.task())).append("\"><h3>").append(esc(t.task())).append(" <small>")
                    .append(t.multiLabel() ? "multi-label" : "single-label").append(", ").append(t.items()).append(' ').append(level)
                    .append("s</small></h3>\n");
            labelTable(h, t);
            averages(h, t);
            String what = level + " · " + t.task();
            h.append("<div class=\"charts\">\n");
            img(h, Charts.labelBars(t, "Per-label scores · " + what), "Per-label precision, recall and F1 of " + what);
            if (!t.multiLabel()) {
                img(h, Charts.confusion(t, "Confusion matrix · " + what), "Confusion matrix of " + what);
            }
            img(h, Charts.prCurves(t, "Precision-recall curves · " + what), "Precision-recall curves of " + what);
            img(h, Charts.reliability(t, "Reliability diagram · " + what), "Reliability diagram of " + what);
            if (t.multiLabel()) {
                img(h, Charts.thresholdSweep(t, "F1 by threshold · " + what), "Threshold sweep of " + what);
            }
            h.append("</div>\n");
            if (t.multiLabel()) {
                sweepTable(h, t);
            }
            h.append("</article>\n");
        }
        h.append("</section>\n");
    }

    private static void labelTable(StringBuilder h, TaskMetrics t) {
        boolean thresholds = t.curves().stream().anyMatch(c -> c.threshold() != null);
        h.append("<table class=\"num\"><thead><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th><th>PR-AUC</th>")
                .append("<th title=\"gold negative, predicted negative\">TN</th><th title=\"gold negative, predicted positive\">FP</th>")
                .append("<th title=\"gold positive, predicted negative\">FN</th><th title=\"gold positive, predicted positive\">TP</th>");
        if (thresholds) {
            h.append("<th>threshold</th>");
        }
        if (!t.curves().isEmpty()) {
            h.append("<th>best threshold (F1)</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (int i = 0; i < t.labels().size(); i++) {
            LabelMetrics l = t.labels().get(i);
            h.append("<tr><td>").append(esc(l.label())).append("</td>").append(scoreCell(l.precision())).append(scoreCell(l.recall()))
                    .append(scoreCell(l.f1())).append("<td>").append(l.support()).append("</td>").append(scoreCell(l.prAuc()))
                    .append("<td>").append(l.tn()).append("</td><td>").append(l.fp()).append("</td><td>").append(l.fn())
                    .append("</td><td>").append(l.tp()).append("</td>");
            if (!t.curves().isEmpty()) {
                LabelCurves c = t.curves().get(i);
                if (thresholds) {
                    h.append(c.threshold() == null ? "<td>–</td>" : td(c.threshold(), 2));
                }
                h.append(String.format(Locale.ROOT, "<td>%.2f (%.3f)</td>", c.bestThreshold(), c.bestF1()));
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void averages(StringBuilder h, TaskMetrics t) {
        h.append("<table class=\"num avg\"><thead><tr><th>average</th><th>precision</th><th>recall</th><th>F1</th></tr></thead><tbody>\n");
        avgRow(h, t.multiLabel() ? "micro" : "micro (= accuracy)", t.micro());
        avgRow(h, "macro", t.macro());
        avgRow(h, "weighted", t.weighted());
        if (t.samples() != null) {
            avgRow(h, "samples", t.samples());
        }
        h.append("</tbody></table>\n<p class=\"kv\">");
        if (t.subsetAccuracy() != null) {
            h.append(String.format(Locale.ROOT, "subset accuracy <b>%.3f</b> · Hamming loss <b>%.4f</b> · ", t.subsetAccuracy(), t.hammingLoss()));
        }
        if (t.accuracy() != null) {
            h.append(String.format(Locale.ROOT, "accuracy <b>%.3f</b> · macro-F1 <b>%.3f</b> · ", t.accuracy(), t.macro().f1()));
        }
        h.append(String.format(Locale.ROOT, "expected calibration error <b>%.4f</b></p>", t.ece())).append('\n');
        if (!t.multiLabel()) {
            int[][] m = t.confusion();
            h.append("<table class=\"num confusion\"><caption>Confusion matrix (rows: gold, columns: predicted)</caption><thead><tr><th></th>");
            t.labels().forEach(l -> h.append("<th>").append(esc(l.label())).append("</th>"));
            h.append("</tr></thead><tbody>\n");
            for (int g = 0; g < m.length; g++) {
                h.append("<tr><th>").append(esc(t.labels().get(g).label())).append("</th>");
                for (int p = 0; p < m[g].length; p++) {
                    h.append(g == p ? "<td class=\"diag\">" : "<td>").append(m[g][p]).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody></table>\n");
        }
    }

    private static void avgRow(StringBuilder h, String name, Averages a) {
        h.append("<tr><td>").append(name).append("</td>").append(scoreCell(a.precision())).append(scoreCell(a.recall()))
                .append(scoreCell(a.f1())).append("</tr>\n");
    }

    private static void sweepTable(StringBuilder h, TaskMetrics t) {
        h.append("<details><summary>Threshold sweep: F1 per label at thresholds 0.05 … 0.95</summary>\n<table class=\"num sweep\"><thead><tr><th>label</th>");
        for (double th : ClassificationMetrics.SWEEP) {
            h.append(String.format(Locale.ROOT, "<th>%.2f</th>", th));
        }
        h.append("</tr></thead><tbody>\n");
        for (LabelCurves c : t.curves()) {
            h.append("<tr><td>").append(esc(c.label())).append("</td>");
            for (ThresholdPoint p : c.sweep()) {
                h.append(scoreCell(p.f1()));
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></details>\n");
    }

    private static void lang(StringBuilder h, Evaluation e) {
        h.append("<section id=\"lang\"><h2>By language</h2>\n<table class=\"num lead3\"><thead><tr><th>lang</th><th>level</th><th>task</th><th>items</th>")
                .append("<th>micro-F1 / accuracy</th><th>macro-F1</th><th>ECE</th></tr></thead><tbody>\n");
        for (LangSlice s : e.byLang()) {
            for (String level : List.of("paragraph", "article")) {
                for (TaskMetrics t : "paragraph".equals(level) ? s.paragraph() : s.article()) {
                    h.append("<tr><td>").append(esc(s.lang())).append("</td><td>").append(level).append("</td><td>").append(esc(t.task()))
                            .append("</td><td>").append(t.items()).append("</td>").append(scoreCell(t.micro().f1()))
                            .append(scoreCell(t.macro().f1())).append(td(t.ece(), 4)).append("</tr>\n");
                }
            }
        }
        h.append("</tbody></table>\n<div class=\"charts\">\n");
        for (String level : List.of("paragraph", "article")) {
            if (!e.byLang().get(0).paragraph().isEmpty() || "article".equals(level)) {
                img(h, Charts.langBars(e.byLang(), level, "Macro-F1 by language · " + level + " level"), "Macro-F1 by language at " + level + " level");
            }
        }
        h.append("</div></section>\n");
    }

    private static void comparison(StringBuilder h, Comparison c) {
        h.append("<section id=\"compare\"><h2>Comparison</h2>\n<p class=\"verdict\">").append(esc(c.verdict())).append("</p>\n")
                .append("<p>A = <code>").append(esc(c.modelA())).append("</code>, B = <code>").append(esc(c.modelB()))
                .append("</code>. Differences are A − B; intervals are percentile intervals of a paired bootstrap over articles.</p>\n")
                .append("<table class=\"num lead3\"><thead><tr><th>level</th><th>task</th><th>metric</th><th>A</th><th>B</th><th>A − B</th>")
                .append(String.format(Locale.ROOT, "<th>%.0f%% interval</th>", c.confidence() * 100))
                .append("<th>p</th><th>verdict</th></tr></thead><tbody>\n");
        for (MetricDelta d : c.deltas()) {
            String cls = "better".equals(d.verdict()) ? "good" : "worse".equals(d.verdict()) ? "bad" : "";
            h.append("<tr class=\"").append(cls).append("\"><td>").append(d.level()).append("</td><td>").append(esc(d.task())).append("</td><td>")
                    .append(d.metric()).append("</td>").append(td(d.a(), 3)).append(td(d.b(), 3))
                    .append(String.format(Locale.ROOT, "<td>%+.3f</td><td>[%+.3f, %+.3f]</td><td>%.3f</td><td>%s</td></tr>%n",
                            d.delta(), d.low(), d.high(), d.pValue(), "better".equals(d.verdict()) ? "A better"
                                    : "worse".equals(d.verdict()) ? "B better" : "no clear difference"));
        }
        h.append("</tbody></table>\n<div class=\"charts\">\n");
        img(h, Charts.forest(c), "Metric differences with confidence intervals");
        h.append("</div></section>\n");
    }

    private static void errors(StringBuilder h, List<ErrorRow> errors, int worst,
                               java.util.function.Function<ErrorRow, List<org.framescope.Explanation>> why) {
        h.append("<section id=\"errors\"><h2>Worst errors</h2>\n<p class=\"note\">Ranked by how confidently wrong the model was: ")
                .append("the sum of (1 − score) over missed labels and of the score over extra labels; for single-label tasks ")
                .append("1 − the score of the gold class; missed gold labels in red, extra predicted labels struck through. ")
                .append("<code>--misclassified FILE</code> writes all of them as CSV.</p>\n");
        for (String level : List.of("paragraph", "article")) {
            List<String> tasks = errors.stream().filter(r -> r.level().equals(level)).map(ErrorRow::task).distinct().toList();
            for (String task : tasks) {
                List<ErrorRow> all = errors.stream().filter(r -> r.level().equals(level) && r.task().equals(task)).toList();
                List<ErrorRow> rows = all.stream().limit(worst).toList();
                if (rows.isEmpty()) {
                    continue;
                }
                h.append("<h3>").append(cap(level)).append(" level · ").append(esc(task)).append(" <small>(").append(rows.size()).append(" of ")
                        .append(all.size()).append(" wrong decisions)</small></h3>\n<table class=\"errors\"><thead><tr><th>#</th><th>item</th>")
                        .append("<th>gold</th><th>predicted</th><th>scores</th><th>text</th></tr></thead><tbody>\n");
                int n = 0;
                for (ErrorRow r : rows) {
                    n++;
                    h.append("<tr><td>").append(n).append("</td><td><code>").append(esc(r.item().id())).append("</code><br><small>row ")
                            .append(r.item().row()).append(r.item().lang() == null ? "" : " · " + esc(r.item().lang()))
                            .append(String.format(Locale.ROOT, " · error %.2f", r.errorScore())).append("</small></td><td>")
                            .append(labels(r.gold(), r.missed(), "missed")).append("</td><td>")
                            .append(labels(r.predicted(), r.extra(), "extra")).append("</td><td class=\"scores\">").append(scores(r))
                            .append("</td><td class=\"text\">").append(esc(shorten(r.item().text()))).append(whyHtml(why.apply(r))).append("</td></tr>\n");
                }
                h.append("</tbody></table>\n");
            }
        }
        if (errors.isEmpty()) {
            h.append("<p>No errors.</p>\n");
        }
        h.append("</section>\n");
    }

    /** What carried each wrongly given label: its top sentence and the terms that pushed it up. */
    private static String whyHtml(List<org.framescope.Explanation> explanations) {
        StringBuilder b = new StringBuilder();
        for (org.framescope.Explanation x : explanations) {
            b.append("<div class=\"why\"><b>why ").append(esc(x.label())).append("</b>");
            if (!x.sentences().isEmpty()) {
                b.append(": <q>").append(esc(x.sentences().get(0).text())).append("</q>")
                        .append(String.format(Locale.ROOT, " <small>(%+.2f)</small>", x.sentences().get(0).weight()));
            }
            List<String> up = x.terms().stream().filter(t -> t.weight() > 0).limit(5)
                    .map(t -> esc(t.term()) + (t.block().equals("embedding") ? "<sup>enc</sup>" : "")).toList();
            if (!up.isEmpty()) {
                b.append(" · pushed up by ").append(String.join(", ", up));
            }
            b.append("</div>");
        }
        return b.toString();
    }

    private static String labels(List<String> labels, List<String> marked, String cls) {
        if (labels.isEmpty()) {
            return "<i>none</i>";
        }
        List<String> out = new ArrayList<>();
        for (String l : labels) {
            out.add(marked.contains(l) ? "<span class=\"" + cls + "\">" + esc(l) + "</span>" : esc(l));
        }
        return String.join(", ", out);
    }

    /** The scores of the labels involved (gold or predicted), highest first. */
    private static String scores(ErrorRow r) {
        List<String> out = new ArrayList<>();
        r.scores().entrySet().stream()
                .filter(en -> r.gold().contains(en.getKey()) || r.predicted().contains(en.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(en -> out.add(String.format(Locale.ROOT, "%s&nbsp;%.2f", esc(en.getKey()), en.getValue())));
        return String.join("<br>", out);
    }

    private static void definitions(StringBuilder h) {
        h.append("<section id=\"definitions\"><h2>Definitions</h2>\n<ul>\n")
                .append("<li>Precision, recall and F1 follow scikit-learn with <code>zero_division=0</code>: an undefined ratio (0/0) counts as 0.</li>\n")
                .append("<li><b>micro</b> pools the counts of all labels; <b>macro</b> is the unweighted mean over labels; <b>weighted</b> weighs each label by its support; ")
                .append("<b>samples</b> (multi-label) averages each item's precision, recall and F1; an item with no gold and no predicted label counts 0 ")
                .append("(scikit-learn's <code>zero_division=0</code>), so samples averages are low when many items rightly carry no label.</li>\n")
                .append("<li><b>Subset accuracy</b>: share of items whose predicted label set equals the gold set exactly. <b>Hamming loss</b>: share of wrong (item, label) decisions.</li>\n")
                .append("<li>The per-label 2×2 confusion is laid out as scikit-learn's <code>multilabel_confusion_matrix</code>: <code>[[TN, FP], [FN, TP]]</code>, ")
                .append("rows gold negative/positive, columns predicted negative/positive. Single-label confusion matrices have gold classes as rows and predicted classes as columns.</li>\n")
                .append("<li><b>PR-AUC</b> is average precision (scikit-learn's <code>average_precision_score</code>): Σ (R<sub>n</sub> − R<sub>n−1</sub>) P<sub>n</sub> over distinct score thresholds; 0 when a label has no positives.</li>\n")
                .append("<li><b>ECE</b> (expected calibration error): forecasts are put in 10 equal-width bins of confidence; ECE = Σ<sub>bins</sub> (n<sub>bin</sub>/N)·|accuracy − mean confidence|. ")
                .append("For multi-label tasks every (item, label) score is a forecast of that label; for single-label tasks the forecast is the top class's probability and the outcome is whether it is right.</li>\n")
                .append("<li>Scores are the model's calibrated probabilities. Multi-label decisions use the per-label thresholds tuned on dev data; the threshold sweep and its best threshold are computed on this data (in-sample).</li>\n")
                .append("<li>Article-level gold labels come from the CSV, or from the paragraph labels (union of frames; dominant non-neutral stance) for paragraph-level files.</li>\n")
                .append("</ul></section>\n");
    }

    // ---- helpers

    private static void img(StringBuilder h, String dataUri, String alt) {
        h.append("<figure><img src=\"").append(dataUri).append("\" alt=\"").append(esc(alt)).append("\"></figure>\n");
    }

    static String anchor(String level, String task) {
        return level + "-" + task.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String td(double v, int digits) {
        return String.format(Locale.ROOT, "<td>%." + digits + "f</td>", v);
    }

    /** A score cell shaded from red (0) through yellow to green (1). */
    static String scoreCell(double v) {
        double t = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
        int hue = (int) Math.round(t * 120);
        return String.format(Locale.ROOT, "<td style=\"background:hsl(%d,70%%,88%%)\">%.3f</td>", hue, v);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + " …";
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Escapes text for HTML element content and attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;margin:0;color:#1d1d1f;background:#fafafa;line-height:1.4}
            header{background:#0b3d63;color:#fff;padding:18px 28px}
            header h1{margin:0;font-size:1.6em}
            .meta{margin:6px 0 0;opacity:.9}
            nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:8px 28px;z-index:1}
            nav a{margin-right:16px;color:#0b3d63;text-decoration:none;font-weight:600}
            main{padding:8px 28px 40px;max-width:1400px}
            section{margin-top:24px}
            h2{border-bottom:2px solid #0b3d63;padding-bottom:4px}
            h3 small{font-weight:normal;color:#666}
            article{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:4px 18px 14px;margin:16px 0}
            table{border-collapse:collapse;margin:10px 0;font-size:.9em;background:#fff}
            th,td{border:1px solid #e0e0e0;padding:3px 8px;vertical-align:top}
            th{background:#f0f3f6;text-align:left}
            table.num td{text-align:right;font-variant-numeric:tabular-nums}
            table.num td:first-child{text-align:left}
            table.lead3 td:nth-child(-n+3){text-align:left}
            td.diag{font-weight:bold;background:#eef5ee}
            caption{text-align:left;font-weight:600;padding:4px 0}
            .charts{display:flex;flex-wrap:wrap;gap:12px}
            figure{margin:0;background:#fff;border:1px solid #e3e3e3}
            figure img{display:block;max-width:100%;height:auto}
            .kv{margin:4px 0}
            .note{color:#555;font-size:.9em}
            .verdict{font-size:1.1em;font-weight:600;background:#fff6d6;padding:8px 12px;border-left:4px solid #e6a700}
            tr.good td{background:#e6f4ea}
            tr.bad td{background:#fde8e4}
            table.errors{width:100%;table-layout:fixed}
            table.errors th:nth-child(1){width:2.5em}
            table.errors th:nth-child(2){width:11em}
            table.errors th:nth-child(3),table.errors th:nth-child(4){width:13em}
            table.errors th:nth-child(5){width:15em}
            table.errors td{overflow-wrap:anywhere}
            table.errors td.text{white-space:pre-wrap}
            .why{margin-top:.4em;font-size:.9em;color:#333;white-space:normal}
            table.errors td.scores{white-space:nowrap}
            .missed{color:#b00020;font-weight:600}
            .extra{color:#b36b00;font-weight:600;text-decoration:line-through}
            table.sweep td,table.sweep th{padding:2px 4px;font-size:.85em}
            details{margin:8px 0}
            """;
}
