package org.framescope.eval;

import java.util.List;
import java.util.Locale;

/** Renders an {@link Evaluation} as plain-text tables (scikit-learn classification_report style). */
public final class TextReport {

    private TextReport() {
    }

    public static String render(Evaluation e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Model: %s%nData:  %s (%d articles, %d paragraphs)%n", e.model(), e.data(), e.articles(), e.paragraphs()));
        level(sb, "PARAGRAPH LEVEL", e.paragraph());
        level(sb, "ARTICLE LEVEL", e.article());
        return sb.toString();
    }

    private static void level(StringBuilder sb, String title, List<TaskMetrics> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        sb.append('\n').append(title).append('\n');
        for (TaskMetrics t : tasks) {
            sb.append(String.format(Locale.ROOT, "%n%s (%s, %d items)%n", t.task(), t.type(), t.items()));
            sb.append(String.format(Locale.ROOT, "  %-24s %9s %9s %9s %9s %9s%n", "label", "precision", "recall", "f1", "support", "pr-auc"));
            for (LabelMetrics l : t.labels()) {
                sb.append(String.format(Locale.ROOT, "  %-24s %9.3f %9.3f %9.3f %9d %9.3f%n", l.label(), l.precision(), l.recall(), l.f1(), l.support(), l.prAuc()));
            }
            sb.append('\n');
            avg(sb, t.type().equals("single_label") ? "micro (= accuracy)" : "micro avg", t.micro());
            avg(sb, "macro avg", t.macro());
            avg(sb, "weighted avg", t.weighted());
            if (t.samples() != null) {
                avg(sb, "samples avg", t.samples());
            }
            if (t.subsetAccuracy() != null) {
                sb.append(String.format(Locale.ROOT, "  subset accuracy %.3f   hamming loss %.4f   ECE %.4f%n", t.subsetAccuracy(), t.hammingLoss(), t.ece()));
            }
            if (t.accuracy() != null) {
                sb.append(String.format(Locale.ROOT, "  accuracy %.3f   macro-F1 %.3f   ECE %.4f%n", t.accuracy(), t.macro().f1(), t.ece()));
                sb.append("  confusion (rows: gold, columns: predicted)\n");
                sb.append(String.format(Locale.ROOT, "  %-12s", ""));
                t.labels().forEach(l -> sb.append(String.format(Locale.ROOT, " %9s", l.label())));
                sb.append('\n');
                for (int i = 0; i < t.confusion().length; i++) {
                    sb.append(String.format(Locale.ROOT, "  %-12s", t.labels().get(i).label()));
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

    /** A one-line summary: mean macro-F1 per level and each task's headline metric. */
    public static String summary(Evaluation e) {
        StringBuilder sb = new StringBuilder();
        for (String level : List.of("paragraph", "article")) {
            List<TaskMetrics> ms = level.equals("paragraph") ? e.paragraph() : e.article();
            if (ms.isEmpty()) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%s: ", level));
            for (TaskMetrics t : ms) {
                sb.append(String.format(Locale.ROOT, "%s macro-F1 %.3f%s; ", t.task(), t.macro().f1(),
                        t.micro() != null && t.type().equals("multi_label") ? String.format(Locale.ROOT, " (micro %.3f)", t.micro().f1()) : ""));
            }
        }
        return sb.toString().strip();
    }
}
