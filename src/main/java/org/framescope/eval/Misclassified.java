package org.framescope.eval;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.framescope.io.PredictionWriter;
import org.framescope.util.AtomicFiles;

/** The errors of a model on a data set: listed, ranked and written as CSV. */
public final class Misclassified {

    /** Columns of the CSV written by {@link #writeCsv}. */
    public static final List<String> HEADER = List.of(
            "level",
            "id",
            "article_id",
            "paragraph",
            "row",
            "lang",
            "task",
            "gold",
            "predicted",
            "missed",
            "extra",
            "error_score",
            "scores",
            "text");

    private Misclassified() {}

    /** Every (item, task) whose decision differs from gold: paragraphs first, then articles, most confident errors first. */
    public static List<ErrorRow> rows(Predictions p) {
        List<ErrorRow> out = new ArrayList<>();
        for (LevelScores level : p.levels()) {
            List<ErrorRow> rows = new ArrayList<>();
            for (TaskScores t : level.tasks()) {
                for (int i = 0; i < t.size(); i++) {
                    if (!t.correct(i)) {
                        rows.add(row(level, t, i));
                    }
                }
            }
            rows.sort(Comparator.comparingDouble(ErrorRow::errorScore).reversed());
            out.addAll(rows);
        }
        return out;
    }

    static ErrorRow row(LevelScores level, TaskScores t, int i) {
        List<String> missed = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        double err = 0;
        boolean[] g = t.gold()[i];
        boolean[] pr = t.pred()[i];
        double[] s = t.scores()[i];
        for (int l = 0; l < g.length; l++) {
            String name = t.task().labels().get(l);
            scores.put(name, s[l]);
            if (g[l] && !pr[l]) {
                missed.add(name);
                if (t.task().multiLabel()) {
                    err += 1 - s[l];
                }
            } else if (!g[l] && pr[l]) {
                extra.add(name);
                if (t.task().multiLabel()) {
                    err += s[l];
                }
            }
        }
        if (!t.task().multiLabel()) {
            err = 1 - s[t.goldClass(i)];
        }
        return new ErrorRow(
                level.level(),
                level.items().get(i),
                t.task().name(),
                t.goldLabels(i),
                t.predictedLabels(i),
                missed,
                extra,
                scores,
                err);
    }

    /** Writes the rows as CSV (UTF-8, header {@link #HEADER}), atomically. Label lists are ';'-joined; scores are {@code label:0.1234;...}. */
    public static void writeCsv(Path file, List<ErrorRow> rows) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(
                    w,
                    CSVFormat.DEFAULT
                            .builder()
                            .setHeader(HEADER.toArray(String[]::new))
                            .get())) {
                for (ErrorRow r : rows) {
                    EvalItem it = r.item();
                    csv.printRecord(
                            r.level(),
                            PredictionWriter.formulaSafe(it.id()),
                            PredictionWriter.formulaSafe(it.articleId()),
                            it.paragraph() < 0 ? "" : Integer.toString(it.paragraph()),
                            it.row(),
                            it.lang() == null ? "" : it.lang(),
                            r.task(),
                            String.join(";", r.gold()),
                            String.join(";", r.predicted()),
                            String.join(";", r.missed()),
                            String.join(";", r.extra()),
                            String.format(Locale.ROOT, "%.4f", r.errorScore()),
                            scores(r.scores()),
                            it.text());
                }
            }
        });
    }

    static String scores(Map<String, Double> scores) {
        List<String> parts = new ArrayList<>();
        scores.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s:%.4f", k, v)));
        return String.join(";", parts);
    }
}
