package org.framescope.cli;

import org.framescope.ArticleResult;
import org.framescope.Evidence;
import org.framescope.ParagraphResult;
import org.framescope.TaskResult;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Human-readable rendering of classification results. */
final class ResultPrinter {

    private ResultPrinter() {
    }

    static void print(PrintStream out, ArticleResult r, boolean allScores) {
        out.printf(Locale.ROOT, "== %s  (language: %s, %d paragraphs, %d boilerplate lines dropped)%n",
                r.id() == null ? "article" : r.id(), r.language(), r.paragraphs().size(), r.droppedLines().size());
        out.println("Article");
        for (TaskResult t : r.tasks().values()) {
            out.printf(Locale.ROOT, "  %-14s %s%n", t.task() + ":", labelsWithScores(t, allScores));
        }
        if (!r.evidence().isEmpty()) {
            out.println("Evidence (paragraphs carrying each article label, strongest first)");
            for (Evidence e : r.evidence()) {
                out.printf(Locale.ROOT, "  %-34s %s%n", e.task() + "/" + e.label(),
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
        if (!r.droppedLines().isEmpty()) {
            out.println("Dropped boilerplate: " + r.droppedLines().stream().map(s -> "\"" + snippet(s, 40) + "\"").collect(Collectors.joining(", ")));
        }
        out.println();
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
