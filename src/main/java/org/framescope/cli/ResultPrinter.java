package org.framescope.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.framescope.model.Level;
import org.framescope.result.ArticleResult;
import org.framescope.result.Evidence;
import org.framescope.result.Explanation;
import org.framescope.result.ParagraphResult;
import org.framescope.result.TaskResult;

/** Human-readable rendering of classification results. */
final class ResultPrinter {

    private ResultPrinter() {}

    static void print(PrintStream out, ArticleResult r, boolean allScores) {
        out.printf(
                Locale.ROOT,
                "== %s  (language: %s, %d paragraphs, %d boilerplate lines dropped)%n",
                r.id() == null ? "article" : r.id(),
                r.language(),
                r.paragraphs().size(),
                r.droppedLines().size());
        out.println("Article");
        for (TaskResult t : r.tasks().values()) {
            out.printf(Locale.ROOT, "  %-14s %s%n", t.task() + ":", labelsWithScores(t, allScores));
        }
        if (!r.evidence().isEmpty()) {
            out.println("Evidence (paragraphs carrying each article label, strongest first)");
            for (Evidence e : r.evidence()) {
                out.printf(
                        Locale.ROOT,
                        "  %-34s %s%n",
                        e.task() + "/" + e.label(),
                        e.paragraphs().stream().map(i -> "¶" + i).collect(Collectors.joining(" ")));
            }
        }
        out.println("Paragraphs");
        for (ParagraphResult p : r.paragraphs()) {
            out.printf(Locale.ROOT, "  ¶%d%s %s%n", p.index(), p.title() ? " (title)" : "", snippet(p.text(), 90));
            for (TaskResult t : p.tasks().values()) {
                out.printf(Locale.ROOT, "      %-14s %s%n", t.task() + ":", labelsWithScores(t, allScores));
            }
        }
        if (r.explanations() != null) {
            printExplanations(out, r);
        }
        if (!r.droppedLines().isEmpty()) {
            out.println("Dropped boilerplate: "
                    + r.droppedLines().stream()
                            .map(s -> "\"" + snippet(s, 40) + "\"")
                            .collect(Collectors.joining(", ")));
        }
        out.println();
    }

    /**
     * Each explained label: its paragraph with the carrying sentence between » and «, the next
     * sentences by weight, and the terms that push it up or down.
     */
    static void printExplanations(PrintStream out, ArticleResult r) {
        out.println("Why (occlusion: what each label's score loses without the sentence or term)");
        for (Explanation e : r.explanations()) {
            out.printf(
                    Locale.ROOT,
                    "  %s %s/%s %s%n",
                    e.level() == Level.ARTICLE ? "article" : "¶" + e.paragraph(),
                    e.task(),
                    e.label(),
                    fmt(e.score()));
            if (!e.sentences().isEmpty()) {
                Explanation.SentenceWeight top = e.sentences().get(0);
                String text = r.paragraphs().get(top.paragraph()).text();
                out.printf(Locale.ROOT, "      ¶%d %s%n", top.paragraph(), marked(text, top.start(), top.end(), 220));
                out.printf(
                        Locale.ROOT,
                        "      sentences: %s%n",
                        e.sentences().stream()
                                .map(s -> signed(s.weight()) + " ¶" + s.paragraph() + " \"" + snippet(s.text(), 40)
                                        + "\"")
                                .collect(Collectors.joining(", ")));
            }
            String up = terms(e, true);
            String down = terms(e, false);
            if (!up.isEmpty() || !down.isEmpty()) {
                out.printf(
                        Locale.ROOT,
                        "      terms: up %s; down %s%n",
                        up.isEmpty() ? "-" : up,
                        down.isEmpty() ? "-" : down);
            }
        }
    }

    /** The text with [start, end) between » and «, shortened around it to about {@code max} characters. */
    static String marked(String text, int start, int end, int max) {
        String t = text.substring(0, start) + "»" + text.substring(start, end) + "«" + text.substring(end);
        t = t.replaceAll("\\s+", " ");
        int at = t.indexOf('»');
        if (t.length() <= max) {
            return t;
        }
        int from = Math.max(0, Math.min(at - 40, t.length() - max));
        int to = Math.min(t.length(), from + max);
        return (from > 0 ? "…" : "") + t.substring(from, to) + (to < t.length() ? "…" : "");
    }

    private static String terms(Explanation e, boolean up) {
        return e.terms().stream()
                .filter(t -> up == t.weight() > 0)
                .map(t -> t.term() + (t.block().equals("embedding") ? " (encoder)" : "") + " " + signed(t.weight()))
                .collect(Collectors.joining(", "));
    }

    private static String signed(double d) {
        return String.format(Locale.ROOT, "%+.2f", d);
    }

    static String labelsWithScores(TaskResult t, boolean allScores) {
        if (allScores) {
            return t.scores().entrySet().stream()
                    .map(e -> (t.labels().contains(e.getKey()) ? "*" : "") + e.getKey() + " " + fmt(e.getValue()))
                    .collect(Collectors.joining(", "));
        }
        if (t.labels().isEmpty()) {
            return "-";
        }
        return t.labels().stream().map(l -> l + " " + fmt(t.scores().get(l))).collect(Collectors.joining(", "));
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    static String snippet(String s, int max) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }

    static Map<String, List<String>> labelsOnly(ArticleResult r) {
        return r.tasks().values().stream().collect(Collectors.toMap(TaskResult::task, TaskResult::labels));
    }
}
