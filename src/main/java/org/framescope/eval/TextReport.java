package org.framescope.eval;

import java.util.List;
import java.util.Locale;
import org.framescope.model.Level;

/** Renders an {@link Evaluation} as plain-text tables (scikit-learn classification_report style). */
public final class TextReport {

    private TextReport() {}

    /**
     * The evaluation as a plain-text report: per-level task metrics, then the per-language slices when
     * there are any.
     */
    public static String render(Evaluation e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "Model: %s%nData:  %s (%d articles, %d paragraphs)%n",
                e.model(),
                e.data(),
                e.articles(),
                e.paragraphs()));
        level(sb, "PARAGRAPH LEVEL", e.paragraph());
        level(sb, "ARTICLE LEVEL", e.article());
        if (!e.byLang().isEmpty()) {
            sb.append("\nBY LANGUAGE\n");
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-8s %-10s %-18s %7s %10s %9s %8s%n",
                    "lang",
                    "level",
                    "task",
                    "items",
                    "micro/acc",
                    "macro-F1",
                    "ECE"));
            for (LangSlice s : e.byLang()) {
                for (Level level : Level.values()) {
                    for (TaskMetrics t : s.metrics(level)) {
                        sb.append(String.format(
                                Locale.ROOT,
                                "  %-8s %-10s %-18s %7d %10.3f %9.3f %8.4f%n",
                                s.lang(),
                                level,
                                t.task(),
                                t.items(),
                                t.micro().f1(),
                                t.macro().f1(),
                                t.ece()));
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void level(StringBuilder sb, String title, List<TaskMetrics> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        sb.append('\n').append(title).append('\n');
        for (TaskMetrics t : tasks) {
            sb.append(String.format(Locale.ROOT, "%n%s (%s, %d items)%n", t.task(), t.type(), t.items()));
            boolean curves = !t.curves().isEmpty();
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-24s %9s %9s %9s %9s %9s %6s %6s %6s %6s%s%n",
                    "label",
                    "precision",
                    "recall",
                    "f1",
                    "support",
                    "pr-auc",
                    "tp",
                    "fp",
                    "fn",
                    "tn",
                    curves ? (t.multiLabel() ? "  thresh  best@ (f1)" : "  best@ (f1)") : ""));
            for (int i = 0; i < t.labels().size(); i++) {
                LabelMetrics l = t.labels().get(i);
                String extra = "";
                if (curves) {
                    LabelCurves c = t.curves().get(i);
                    extra = (c.threshold() == null ? "" : String.format(Locale.ROOT, "  %6.2f", c.threshold()))
                            + String.format(Locale.ROOT, "  %5.2f (%.3f)", c.bestThreshold(), c.bestF1());
                }
                sb.append(String.format(
                        Locale.ROOT,
                        "  %-24s %9.3f %9.3f %9.3f %9d %9.3f %6d %6d %6d %6d%s%n",
                        l.label(),
                        l.precision(),
                        l.recall(),
                        l.f1(),
                        l.support(),
                        l.prAuc(),
                        l.tp(),
                        l.fp(),
                        l.fn(),
                        l.tn(),
                        extra));
            }
            sb.append('\n');
            avg(sb, t.type().equals("single_label") ? "micro (= accuracy)" : "micro avg", t.micro());
            avg(sb, "macro avg", t.macro());
            avg(sb, "weighted avg", t.weighted());
            if (t.samples() != null) {
                avg(sb, "samples avg", t.samples());
            }
            if (t.subsetAccuracy() != null) {
                sb.append(String.format(
                        Locale.ROOT,
                        "  subset accuracy %.3f   hamming loss %.4f   ECE %.4f%n",
                        t.subsetAccuracy(),
                        t.hammingLoss(),
                        t.ece()));
            }
            if (t.accuracy() != null) {
                sb.append(String.format(
                        Locale.ROOT,
                        "  accuracy %.3f   macro-F1 %.3f   ECE %.4f%n",
                        t.accuracy(),
                        t.macro().f1(),
                        t.ece()));
                sb.append("  confusion (rows: gold, columns: predicted)\n");
                sb.append(String.format(Locale.ROOT, "  %-12s", ""));
                t.labels().forEach(l -> sb.append(String.format(Locale.ROOT, " %9s", l.label())));
                sb.append('\n');
                for (int i = 0; i < t.confusion().length; i++) {
                    sb.append(String.format(
                            Locale.ROOT, "  %-12s", t.labels().get(i).label()));
                    for (int v : t.confusion()[i]) {
                        sb.append(String.format(Locale.ROOT, " %9d", v));
                    }
                    sb.append('\n');
                }
            }
        }
    }

    private static void avg(StringBuilder sb, String name, Averages a) {
        sb.append(String.format(Locale.ROOT, "  %-24s %9.3f %9.3f %9.3f%n", name, a.precision(), a.recall(), a.f1()));
    }

    /** The comparison table and its verdict line. */
    public static String render(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nCOMPARISON  A = %s, B = %s (%s)%n", c.modelA(), c.modelB(), c.data()));
        sb.append(String.format(
                Locale.ROOT,
                "  %-10s %-18s %-9s %7s %7s %8s %19s %6s  %s%n",
                "level",
                "task",
                "metric",
                "A",
                "B",
                "A-B",
                String.format(Locale.ROOT, "%.0f%% interval", c.confidence() * 100),
                "p",
                "verdict"));
        for (MetricDelta d : c.deltas()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-10s %-18s %-9s %7.3f %7.3f %+8.3f   [%+.3f, %+.3f] %6.3f  %s%n",
                    d.level(),
                    d.task(),
                    d.metric(),
                    d.a(),
                    d.b(),
                    d.delta(),
                    d.low(),
                    d.high(),
                    d.pValue(),
                    "better".equals(d.verdict())
                            ? "A better"
                            : "worse".equals(d.verdict()) ? "B better" : "no clear difference"));
        }
        sb.append("\nVerdict: ").append(c.verdict()).append('\n');
        return sb.toString();
    }

    /**
     * Cross-validation: each task's headline metrics as mean ± standard deviation [min, max] over
     * folds; with several fractions, a learning-curve table of the main metrics and a reading of its
     * last step.
     */
    public static String render(CvResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "Cross-validation: %s (%d articles, %d paragraphs), %d folds grouped by article, seed %d, features %s%n",
                r.data(),
                r.articles(),
                r.paragraphs(),
                r.folds(),
                r.seed(),
                r.features()));
        CvPoint full = r.full();
        sb.append(String.format(
                Locale.ROOT,
                "%nMETRICS OVER FOLDS (training fraction %.2f, mean %.1f training articles)%n",
                full.fraction(),
                full.meanTrainArticles()));
        sb.append(String.format(
                Locale.ROOT,
                "  %-10s %-18s %-16s %8s %8s %8s %8s%n",
                "level",
                "task",
                "metric",
                "mean",
                "std",
                "min",
                "max"));
        for (MetricSummary m : full.metrics()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-10s %-18s %-16s %8.3f %8.3f %8.3f %8.3f%n",
                    m.level(),
                    m.task(),
                    m.metric(),
                    m.mean(),
                    m.std(),
                    m.min(),
                    m.max()));
        }
        if (r.points().size() > 1) {
            sb.append("\nLEARNING CURVE (mean ± std over folds)\n");
            sb.append(String.format(Locale.ROOT, "  %-10s %-18s %-16s", "level", "task", "metric"));
            for (CvPoint p : r.points()) {
                sb.append(String.format(
                        Locale.ROOT,
                        " %15s",
                        String.format(Locale.ROOT, "%.0f%% (%.0f art.)", p.fraction() * 100, p.meanTrainArticles())));
            }
            sb.append('\n');
            for (MetricSummary m : full.metrics()) {
                if (!m.metric().equals("macro_f1")
                        && !m.metric().equals("micro_f1")
                        && !m.metric().equals("accuracy")
                        && !m.metric().equals("mean_macro_f1")) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "  %-10s %-18s %-16s", m.level(), m.task(), m.metric()));
                for (CvPoint p : r.points()) {
                    sb.append(p.metric(m.level(), m.task(), m.metric())
                            .map(x -> String.format(
                                    Locale.ROOT, " %15s", String.format(Locale.ROOT, "%.3f ± %.3f", x.mean(), x.std())))
                            .orElse(String.format(Locale.ROOT, " %15s", "–")));
                }
                sb.append('\n');
            }
            sb.append('\n').append(learningCurveReading(r)).append('\n');
        }
        return sb.toString();
    }

    /**
     * One plain sentence on the last step of the learning curve, from the mean macro-F1 over tasks
     * and levels. The folds' test sets are the same at every fraction, so the step is judged on the
     * per-fold differences: rising when their mean exceeds twice its standard error (and 0.005),
     * falling when it is below minus twice the standard error, flat otherwise.
     */
    public static String learningCurveReading(CvResult r) {
        if (r.points().size() < 2) {
            return "";
        }
        CvPoint first = r.points().get(0);
        CvPoint prev = r.points().get(r.points().size() - 2);
        CvPoint last = r.points().get(r.points().size() - 1);
        List<Double> a =
                prev.metric("all", "all", "mean_macro_f1").orElseThrow().values();
        List<Double> b =
                last.metric("all", "all", "mean_macro_f1").orElseThrow().values();
        int k = Math.min(a.size(), b.size());
        double[] d = new double[k];
        double mean = 0;
        for (int i = 0; i < k; i++) {
            d[i] = b.get(i) - a.get(i);
            mean += d[i] / k;
        }
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        double se = k > 1 ? Math.sqrt(ss / (k - 1)) / Math.sqrt(k) : Double.NaN;
        String reading;
        if (Double.isNaN(se)) {
            reading = "one fold: no spread to judge the step by";
        } else if (mean > 2 * se && mean > 0.005) {
            reading = "still rising: more labelled data of this kind is likely to help";
        } else if (mean < -2 * se) {
            reading = "falling: noisy at this size; repeat with other seeds before concluding";
        } else {
            reading =
                    "about flat within the fold-to-fold noise: more of the same data is unlikely to help much; look at features, labels or the model";
        }
        double from = first.metric("all", "all", "mean_macro_f1").orElseThrow().mean();
        double to = last.metric("all", "all", "mean_macro_f1").orElseThrow().mean();
        return String.format(
                Locale.ROOT,
                "Learning curve: mean macro-F1 %.3f -> %.3f from %.0f%% to %.0f%% of the training data (%+.3f); "
                        + "the last step (%.0f%% -> %.0f%%) changed it by %+.3f (per-fold differences, standard error %.3f): %s.",
                from,
                to,
                first.fraction() * 100,
                last.fraction() * 100,
                to - from,
                prev.fraction() * 100,
                last.fraction() * 100,
                mean,
                se,
                reading);
    }

    /** A one-line summary: mean macro-F1 per level and each task's headline metric. */
    public static String summary(Evaluation e) {
        StringBuilder sb = new StringBuilder();
        for (Level level : Level.values()) {
            List<TaskMetrics> ms = e.level(level);
            if (ms.isEmpty()) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%s: ", level));
            for (TaskMetrics t : ms) {
                sb.append(String.format(
                        Locale.ROOT,
                        "%s macro-F1 %.3f%s; ",
                        t.task(),
                        t.macro().f1(),
                        t.micro() != null && t.type().equals("multi_label")
                                ? String.format(
                                        Locale.ROOT, " (micro %.3f)", t.micro().f1())
                                : ""));
            }
        }
        return sb.toString().strip();
    }
}
