package org.framescope.eval;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.framescope.Version;
import org.framescope.result.Explanation;

/**
 * Renders an evaluation as one self-contained HTML file: summary, per-label tables, charts (PNG data
 * URIs drawn by {@link Charts}), the per-language breakdown, an optional model comparison, the worst
 * errors with their text, and the definitions used. No scripts, no external resources.
 *
 * <p>The page comes from Pebble templates under {@code org/framescope/eval/report/} with the
 * stylesheet {@code report.css} inlined. This class only builds an immutable view model (the records
 * below) of preformatted strings; the engine escapes every value, so label, task and file names,
 * article ids and texts are never trusted as markup.
 */
public final class HtmlReport {

    /** Longest text shown for one error (characters). */
    static final int MAX_TEXT = 1200;

    private static final String TEMPLATES = "org/framescope/eval/report";
    private static final List<org.framescope.model.Level> LEVELS = List.of(org.framescope.model.Level.values());

    private HtmlReport() {}

    /**
     * Pebble rather than JTE or Mustache: auto-escaping is on by default with a strategy per context
     * (html, js, css, url_param) and templates load from the class path with no compile step.
     * Holder class: the engine and the stylesheet load on the first report only.
     */
    private static final class Engine {
        static final PebbleEngine PEBBLE = new PebbleEngine.Builder()
                .loader(loader())
                .autoEscaping(true)
                .defaultEscapingStrategy("html")
                .strictVariables(true)
                .build();
        static final String CSS = resource(TEMPLATES + "/report.css");

        private static ClasspathLoader loader() {
            ClasspathLoader l = new ClasspathLoader(HtmlReport.class.getClassLoader());
            l.setPrefix(TEMPLATES);
            return l;
        }

        private static String resource(String path) {
            try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + path);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
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
    public static String render(
            Evaluation e,
            List<ErrorRow> errors,
            int worst,
            Comparison comparison,
            Function<ErrorRow, List<Explanation>> why) {
        Page page = page(e, errors, worst, comparison, why);
        StringWriter w = new StringWriter(1 << 20);
        try {
            Engine.PEBBLE.getTemplate("report.peb").evaluate(w, Map.of("r", page), Locale.ROOT);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    // ---- the view model: what the templates show, every number already formatted

    /**
     * The whole page.
     *
     * @param title      the page title
     * @param css        the stylesheet (our resource, inlined raw)
     * @param data       the evaluated data file
     * @param articles   articles evaluated
     * @param paragraphs paragraphs evaluated
     * @param version    framescope's version
     * @param nav        the links between summary and worst errors
     * @param summary    the summary table
     * @param levels     the paragraph and article sections present
     * @param lang       the per-language section, or null
     * @param compare    the comparison section, or null
     * @param errors     the worst errors per level and task
     */
    public record Page(
            String title,
            String css,
            String data,
            int articles,
            int paragraphs,
            String version,
            List<Nav> nav,
            Table summary,
            List<Level> levels,
            Lang lang,
            Compare compare,
            List<ErrorGroup> errors) {}

    /**
     * A link of the navigation bar.
     *
     * @param anchor the section id
     * @param text   the link text
     */
    public record Nav(String anchor, String text) {}

    /**
     * A table.
     *
     * @param cls     its CSS classes
     * @param caption its caption, or null
     * @param head    the header cells
     * @param rows    the body rows
     */
    public record Table(String cls, String caption, List<Head> head, List<Row> rows) {}

    /**
     * A header cell.
     *
     * @param text  its text
     * @param title its tooltip, or null
     */
    public record Head(String text, String title) {}

    /**
     * A body row.
     *
     * @param cls   its CSS class, or null
     * @param cells its cells
     */
    public record Row(String cls, List<Cell> cells) {}

    /**
     * A body cell: plain, a link, a shaded score, a classed cell or a row header.
     *
     * @param text its text
     * @param href the anchor it links to, or null
     * @param hue  the background hue of a score (0 red … 120 green), or null
     * @param cls  its CSS class, or null
     * @param th   whether it is a row header
     */
    public record Cell(String text, String href, Integer hue, String cls, boolean th) {}

    /**
     * A paragraph or article section.
     *
     * @param id    the section id (the level)
     * @param title its heading
     * @param tasks its tasks
     */
    public record Level(String id, String title, List<Task> tasks) {}

    /**
     * One task at one level.
     *
     * @param anchor    the article id
     * @param task      the task name
     * @param type      single-label or multi-label
     * @param items     items evaluated
     * @param level     the level
     * @param labels    the per-label table
     * @param averages  the averages table
     * @param kv        the headline numbers below the averages
     * @param confusion the confusion matrix (single-label), or null
     * @param charts    the charts
     * @param sweep     the threshold sweep table (multi-label), or null
     */
    public record Task(
            String anchor,
            String task,
            String type,
            int items,
            String level,
            Table labels,
            Table averages,
            List<Kv> kv,
            Table confusion,
            List<Figure> charts,
            Table sweep) {}

    /**
     * A named number.
     *
     * @param name  what it is
     * @param value the formatted number
     */
    public record Kv(String name, String value) {}

    /**
     * A chart.
     *
     * @param src the PNG data URI drawn by {@link Charts}
     * @param alt its alternative text
     */
    public record Figure(String src, String alt) {}

    /**
     * The per-language section.
     *
     * @param table  the table
     * @param charts the charts
     */
    public record Lang(Table table, List<Figure> charts) {}

    /**
     * The comparison section.
     *
     * @param verdict the overall verdict
     * @param modelA  model A
     * @param modelB  model B
     * @param table   the metric differences
     * @param charts  the forest plot
     */
    public record Compare(String verdict, String modelA, String modelB, Table table, List<Figure> charts) {}

    /**
     * The worst errors of one task at one level.
     *
     * @param heading the heading
     * @param shown   rows shown
     * @param all     wrong decisions in all
     * @param rows    the rows shown
     */
    public record ErrorGroup(String heading, int shown, int all, List<ErrorView> rows) {}

    /**
     * One wrong decision.
     *
     * @param n         its rank
     * @param id        the article id
     * @param row       the CSV row
     * @param lang      the language, or null
     * @param error     the formatted error score
     * @param gold      the gold labels (missed ones classed)
     * @param predicted the predicted labels (extra ones classed)
     * @param scores    the scores of the labels involved, highest first
     * @param text      the (shortened) text
     * @param why       what misled the model
     */
    public record ErrorView(
            int n,
            String id,
            long row,
            String lang,
            String error,
            List<Mark> gold,
            List<Mark> predicted,
            List<Kv> scores,
            String text,
            List<Why> why) {}

    /**
     * A label, with its CSS class when it was missed or extra.
     *
     * @param label the label
     * @param cls   "missed", "extra" or null
     */
    public record Mark(String label, String cls) {}

    /**
     * What carried a wrongly given label.
     *
     * @param label    the label
     * @param sentence its top sentence, or null
     * @param weight   that sentence's formatted weight, or null
     * @param up       the terms that pushed it up
     */
    public record Why(String label, String sentence, String weight, List<Term> up) {}

    /**
     * A term that pushed a label up.
     *
     * @param term the term
     * @param enc  whether it came from the encoder block
     */
    public record Term(String term, boolean enc) {}

    // ---- building the view model

    static Page page(
            Evaluation e,
            List<ErrorRow> errors,
            int worst,
            Comparison comparison,
            Function<ErrorRow, List<Explanation>> why) {
        List<Nav> nav = new ArrayList<>();
        List<Level> levels = new ArrayList<>();
        for (org.framescope.model.Level level : LEVELS) {
            if (!e.level(level).isEmpty()) {
                nav.add(new Nav(level.wireName(), cap(level.wireName()) + " level"));
                levels.add(level(level, e.level(level)));
            }
        }
        if (!e.byLang().isEmpty()) {
            nav.add(new Nav("lang", "By language"));
        }
        if (comparison != null) {
            nav.add(new Nav("compare", "Comparison"));
        }
        return new Page(
                "Evaluation of " + e.model(),
                Engine.CSS,
                e.data(),
                e.articles(),
                e.paragraphs(),
                Version.VERSION,
                List.copyOf(nav),
                summary(e),
                List.copyOf(levels),
                e.byLang().isEmpty() ? null : lang(e),
                comparison == null ? null : comparison(comparison),
                errors(errors, worst, why));
    }

    private static Table summary(Evaluation e) {
        List<Row> rows = new ArrayList<>();
        for (org.framescope.model.Level level : LEVELS) {
            for (TaskMetrics t : e.level(level)) {
                rows.add(row(
                        plain(level.wireName()),
                        link(t.task(), anchor(level.wireName(), t.task())),
                        plain(type(t)),
                        plain(t.items()),
                        score(t.micro().f1()),
                        score(t.macro().f1()),
                        score(t.weighted().f1()),
                        t.samples() == null ? dash() : score(t.samples().f1()),
                        t.subsetAccuracy() == null ? dash() : score(t.subsetAccuracy()),
                        t.hammingLoss() == null ? dash() : fixed(t.hammingLoss(), 4),
                        t.accuracy() == null ? dash() : score(t.accuracy()),
                        fixed(t.ece(), 4)));
            }
        }
        return table(
                "num lead3",
                null,
                heads(
                        "level",
                        "task",
                        "type",
                        "items",
                        "micro-F1",
                        "macro-F1",
                        "weighted-F1",
                        "samples-F1",
                        "subset accuracy",
                        "Hamming loss",
                        "accuracy",
                        "ECE"),
                rows);
    }

    private static Level level(org.framescope.model.Level level, List<TaskMetrics> tasks) {
        List<Task> out = new ArrayList<>();
        for (TaskMetrics t : tasks) {
            String what = level + " · " + t.task();
            List<Figure> charts = new ArrayList<>();
            charts.add(new Figure(
                    Charts.labelBars(t, "Per-label scores · " + what),
                    "Per-label precision, recall and F1 of " + what));
            if (!t.multiLabel()) {
                charts.add(
                        new Figure(Charts.confusion(t, "Confusion matrix · " + what), "Confusion matrix of " + what));
            }
            charts.add(new Figure(
                    Charts.prCurves(t, "Precision-recall curves · " + what), "Precision-recall curves of " + what));
            charts.add(new Figure(
                    Charts.reliability(t, "Reliability diagram · " + what), "Reliability diagram of " + what));
            if (t.multiLabel()) {
                charts.add(new Figure(
                        Charts.thresholdSweep(t, "F1 by threshold · " + what), "Threshold sweep of " + what));
            }
            out.add(new Task(
                    anchor(level.wireName(), t.task()),
                    t.task(),
                    type(t),
                    t.items(),
                    level.wireName(),
                    labelTable(t),
                    averages(t),
                    kv(t),
                    t.multiLabel() ? null : confusion(t),
                    List.copyOf(charts),
                    t.multiLabel() ? sweep(t) : null));
        }
        return new Level(level.wireName(), cap(level.wireName()) + " level", List.copyOf(out));
    }

    private static Table labelTable(TaskMetrics t) {
        boolean thresholds = t.curves().stream().anyMatch(c -> c.threshold() != null);
        List<Head> head = new ArrayList<>(heads("label", "precision", "recall", "F1", "support", "PR-AUC"));
        head.add(new Head("TN", "gold negative, predicted negative"));
        head.add(new Head("FP", "gold negative, predicted positive"));
        head.add(new Head("FN", "gold positive, predicted negative"));
        head.add(new Head("TP", "gold positive, predicted positive"));
        if (thresholds) {
            head.add(new Head("threshold", null));
        }
        if (!t.curves().isEmpty()) {
            head.add(new Head("best threshold (F1)", null));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < t.labels().size(); i++) {
            LabelMetrics l = t.labels().get(i);
            List<Cell> cells = new ArrayList<>(List.of(
                    plain(l.label()),
                    score(l.precision()),
                    score(l.recall()),
                    score(l.f1()),
                    plain(l.support()),
                    score(l.prAuc()),
                    plain(l.tn()),
                    plain(l.fp()),
                    plain(l.fn()),
                    plain(l.tp())));
            if (!t.curves().isEmpty()) {
                LabelCurves c = t.curves().get(i);
                if (thresholds) {
                    cells.add(c.threshold() == null ? dash() : fixed(c.threshold(), 2));
                }
                cells.add(plain(String.format(Locale.ROOT, "%.2f (%.3f)", c.bestThreshold(), c.bestF1())));
            }
            rows.add(new Row(null, List.copyOf(cells)));
        }
        return table("num", null, head, rows);
    }

    private static Table averages(TaskMetrics t) {
        List<Row> rows = new ArrayList<>();
        rows.add(avgRow(t.multiLabel() ? "micro" : "micro (= accuracy)", t.micro()));
        rows.add(avgRow("macro", t.macro()));
        rows.add(avgRow("weighted", t.weighted()));
        if (t.samples() != null) {
            rows.add(avgRow("samples", t.samples()));
        }
        return table("num avg", null, heads("average", "precision", "recall", "F1"), rows);
    }

    private static Row avgRow(String name, Averages a) {
        return row(plain(name), score(a.precision()), score(a.recall()), score(a.f1()));
    }

    private static List<Kv> kv(TaskMetrics t) {
        List<Kv> kv = new ArrayList<>();
        if (t.subsetAccuracy() != null) {
            kv.add(new Kv("subset accuracy", format(t.subsetAccuracy(), 3)));
            kv.add(new Kv("Hamming loss", format(t.hammingLoss(), 4)));
        }
        if (t.accuracy() != null) {
            kv.add(new Kv("accuracy", format(t.accuracy(), 3)));
            kv.add(new Kv("macro-F1", format(t.macro().f1(), 3)));
        }
        kv.add(new Kv("expected calibration error", format(t.ece(), 4)));
        return List.copyOf(kv);
    }

    private static Table confusion(TaskMetrics t) {
        int[][] m = t.confusion();
        List<Head> head = new ArrayList<>();
        head.add(new Head("", null));
        t.labels().forEach(l -> head.add(new Head(l.label(), null)));
        List<Row> rows = new ArrayList<>();
        for (int g = 0; g < m.length; g++) {
            List<Cell> cells = new ArrayList<>();
            cells.add(new Cell(t.labels().get(g).label(), null, null, null, true));
            for (int p = 0; p < m[g].length; p++) {
                cells.add(new Cell(Integer.toString(m[g][p]), null, null, g == p ? "diag" : null, false));
            }
            rows.add(new Row(null, List.copyOf(cells)));
        }
        return table("num confusion", "Confusion matrix (rows: gold, columns: predicted)", head, rows);
    }

    private static Table sweep(TaskMetrics t) {
        List<Head> head = new ArrayList<>();
        head.add(new Head("label", null));
        for (double th : ClassificationMetrics.SWEEP) {
            head.add(new Head(format(th, 2), null));
        }
        List<Row> rows = new ArrayList<>();
        for (LabelCurves c : t.curves()) {
            List<Cell> cells = new ArrayList<>();
            cells.add(plain(c.label()));
            for (ThresholdPoint p : c.sweep()) {
                cells.add(score(p.f1()));
            }
            rows.add(new Row(null, List.copyOf(cells)));
        }
        return table("num sweep", null, head, rows);
    }

    private static Lang lang(Evaluation e) {
        List<Row> rows = new ArrayList<>();
        for (LangSlice s : e.byLang()) {
            for (org.framescope.model.Level level : LEVELS) {
                for (TaskMetrics t : s.metrics(level)) {
                    rows.add(row(
                            plain(s.lang()),
                            plain(level.wireName()),
                            plain(t.task()),
                            plain(t.items()),
                            score(t.micro().f1()),
                            score(t.macro().f1()),
                            fixed(t.ece(), 4)));
                }
            }
        }
        List<Figure> charts = new ArrayList<>();
        for (org.framescope.model.Level level : LEVELS) {
            if (!e.byLang().get(0).paragraph().isEmpty() || level == org.framescope.model.Level.ARTICLE) {
                charts.add(new Figure(
                        Charts.langBars(e.byLang(), level, "Macro-F1 by language · " + level + " level"),
                        "Macro-F1 by language at " + level + " level"));
            }
        }
        return new Lang(
                table(
                        "num lead3",
                        null,
                        heads("lang", "level", "task", "items", "micro-F1 / accuracy", "macro-F1", "ECE"),
                        rows),
                List.copyOf(charts));
    }

    private static Compare comparison(Comparison c) {
        List<Row> rows = new ArrayList<>();
        for (MetricDelta d : c.deltas()) {
            String cls = "better".equals(d.verdict()) ? "good" : "worse".equals(d.verdict()) ? "bad" : "";
            String verdict = "better".equals(d.verdict())
                    ? "A better"
                    : "worse".equals(d.verdict()) ? "B better" : "no clear difference";
            rows.add(new Row(
                    cls,
                    List.of(
                            plain(d.level().wireName()),
                            plain(d.task()),
                            plain(d.metric()),
                            fixed(d.a(), 3),
                            fixed(d.b(), 3),
                            plain(String.format(Locale.ROOT, "%+.3f", d.delta())),
                            plain(String.format(Locale.ROOT, "[%+.3f, %+.3f]", d.low(), d.high())),
                            fixed(d.pValue(), 3),
                            plain(verdict))));
        }
        Table table = table(
                "num lead3",
                null,
                heads(
                        "level",
                        "task",
                        "metric",
                        "A",
                        "B",
                        "A − B",
                        String.format(Locale.ROOT, "%.0f%% interval", c.confidence() * 100),
                        "p",
                        "verdict"),
                rows);
        return new Compare(
                c.verdict(),
                c.modelA(),
                c.modelB(),
                table,
                List.of(new Figure(Charts.forest(c), "Metric differences with confidence intervals")));
    }

    private static List<ErrorGroup> errors(
            List<ErrorRow> errors, int worst, Function<ErrorRow, List<Explanation>> why) {
        List<ErrorGroup> out = new ArrayList<>();
        for (org.framescope.model.Level level : LEVELS) {
            List<String> tasks = errors.stream()
                    .filter(r -> r.level() == level)
                    .map(ErrorRow::task)
                    .distinct()
                    .toList();
            for (String task : tasks) {
                List<ErrorRow> all = errors.stream()
                        .filter(r -> r.level() == level && r.task().equals(task))
                        .toList();
                List<ErrorRow> rows = all.stream().limit(worst).toList();
                if (rows.isEmpty()) {
                    continue;
                }
                List<ErrorView> views = new ArrayList<>();
                int n = 0;
                for (ErrorRow r : rows) {
                    n++;
                    views.add(new ErrorView(
                            n,
                            r.item().id(),
                            r.item().row(),
                            r.item().lang(),
                            format(r.errorScore(), 2),
                            marks(r.gold(), r.missed(), "missed"),
                            marks(r.predicted(), r.extra(), "extra"),
                            scores(r),
                            shorten(r.item().text()),
                            whys(why.apply(r))));
                }
                out.add(new ErrorGroup(
                        cap(level.wireName()) + " level · " + task, rows.size(), all.size(), List.copyOf(views)));
            }
        }
        return List.copyOf(out);
    }

    /** What carried each wrongly given label: its top sentence and the terms that pushed it up. */
    private static List<Why> whys(List<Explanation> explanations) {
        List<Why> out = new ArrayList<>();
        for (Explanation x : explanations) {
            Explanation.SentenceWeight top =
                    x.sentences().isEmpty() ? null : x.sentences().get(0);
            List<Term> up = x.terms().stream()
                    .filter(t -> t.weight() > 0)
                    .limit(5)
                    .map(t -> new Term(t.term(), t.block().equals("embedding")))
                    .toList();
            out.add(new Why(
                    x.label(),
                    top == null ? null : top.text(),
                    top == null ? null : String.format(Locale.ROOT, "%+.2f", top.weight()),
                    up));
        }
        return List.copyOf(out);
    }

    private static List<Mark> marks(List<String> labels, List<String> marked, String cls) {
        return labels.stream()
                .map(l -> new Mark(l, marked.contains(l) ? cls : null))
                .toList();
    }

    /** The scores of the labels involved (gold or predicted), highest first. */
    private static List<Kv> scores(ErrorRow r) {
        return r.scores().entrySet().stream()
                .filter(en -> r.gold().contains(en.getKey()) || r.predicted().contains(en.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(en -> new Kv(en.getKey(), format(en.getValue(), 2)))
                .toList();
    }

    // ---- helpers

    static String anchor(String level, String task) {
        return level + "-" + task.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String type(TaskMetrics t) {
        return t.multiLabel() ? "multi-label" : "single-label";
    }

    private static Table table(String cls, String caption, List<Head> head, List<Row> rows) {
        return new Table(cls, caption, List.copyOf(head), List.copyOf(rows));
    }

    private static List<Head> heads(String... texts) {
        List<Head> out = new ArrayList<>();
        for (String t : texts) {
            out.add(new Head(t, null));
        }
        return out;
    }

    private static Row row(Cell... cells) {
        return new Row(null, List.of(cells));
    }

    private static Cell plain(String text) {
        return new Cell(text, null, null, null, false);
    }

    private static Cell plain(int n) {
        return plain(Integer.toString(n));
    }

    private static Cell link(String text, String anchor) {
        return new Cell(text, anchor, null, null, false);
    }

    private static Cell dash() {
        return plain("–");
    }

    private static Cell fixed(double v, int digits) {
        return plain(format(v, digits));
    }

    private static String format(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** A score cell, shaded from red (0) through yellow to green (1). */
    static Cell score(double v) {
        double t = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
        return new Cell(format(v, 3), null, (int) Math.round(t * 120), null, false);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + " …";
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
