package org.framescope.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.framescope.model.LabelScheme;
import org.framescope.model.Task;
import org.framescope.result.TaskResult;
import org.framescope.util.AtomicFiles;

/**
 * Writes predictions as CSV (a column per task with ';'-joined labels, then a {@code task:label}
 * score column per label) or JSON Lines, atomically: the target appears only when complete. CSV
 * ids are made formula-safe ({@link #formulaSafe}); JSON Lines keep them as they are.
 */
public final class PredictionWriter {

    /** Output file formats: CSV, or one JSON object per line. */
    public enum Format {
        CSV,
        JSONL
    }

    private PredictionWriter() {}

    /**
     * The format to write: the explicit one when given (case-insensitive), else JSONL for a {@code
     * .jsonl}, {@code .ndjson} or {@code .json} file and CSV otherwise.
     *
     * @throws IllegalArgumentException if {@code explicit} names no format
     */
    public static Format formatFor(Path file, String explicit) {
        if (explicit != null) {
            return switch (explicit.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> Format.CSV;
                case "jsonl" -> Format.JSONL;
                default -> throw new IllegalArgumentException("unknown format '" + explicit + "': use csv or jsonl");
            };
        }
        String n = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json") ? Format.JSONL : Format.CSV;
    }

    /**
     * Writes the prediction rows to the file atomically in the given format.
     *
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Format format, LabelScheme scheme, List<PredictionRow> rows)
            throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            if (format == Format.CSV) {
                writeCsv(w, scheme, rows);
            } else {
                writeJsonl(w, rows);
            }
            w.flush();
        });
    }

    /**
     * An id as a CSV cell a spreadsheet shows as text: one starting with {@code =}, {@code +},
     * {@code -} or {@code @} gets a leading single quote, since spreadsheets would run it as a
     * formula (ids come from untrusted input). Never throws.
     *
     * @param id the id, or null
     * @return the cell's text; empty for null
     */
    public static String formulaSafe(String id) {
        if (id == null || id.isEmpty()) {
            return "";
        }
        char c = id.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' ? "'" + id : id;
    }

    static void writeCsv(Writer w, LabelScheme scheme, List<PredictionRow> rows) throws IOException {
        List<String> header = new ArrayList<>(List.of("id", "row", "level", "paragraph", "lang", "status", "error"));
        for (Task t : scheme.tasks()) {
            header.add(t.name());
        }
        for (Task t : scheme.tasks()) {
            for (String l : t.labels()) {
                header.add(t.name() + ":" + l);
            }
        }
        CSVPrinter p = new CSVPrinter(
                w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
        p.printRecord(header);
        for (PredictionRow r : rows) {
            List<Object> rec = new ArrayList<>(List.of(
                    formulaSafe(r.id()),
                    r.row(),
                    r.level(),
                    r.paragraph() < 0 ? "" : r.paragraph(),
                    r.lang() == null ? "" : r.lang(),
                    r.error() == null ? "ok" : "error",
                    r.error() == null ? "" : r.error()));
            for (Task t : scheme.tasks()) {
                TaskResult tr = r.tasks().get(t.name());
                rec.add(tr == null ? "" : String.join(";", tr.labels()));
            }
            for (Task t : scheme.tasks()) {
                TaskResult tr = r.tasks().get(t.name());
                for (String l : t.labels()) {
                    rec.add(
                            tr == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT, "%.4f", tr.scores().get(l)));
                }
            }
            p.printRecord(rec);
        }
        p.flush();
    }

    static void writeJsonl(Writer w, List<PredictionRow> rows) throws IOException {
        ObjectMapper m = new ObjectMapper();
        for (PredictionRow r : rows) {
            ObjectNode n = m.createObjectNode();
            n.put("id", r.id());
            n.put("row", r.row());
            n.put("level", r.level());
            if (r.paragraph() >= 0) {
                n.put("paragraph", r.paragraph());
            }
            n.put("lang", r.lang());
            n.put("status", r.error() == null ? "ok" : "error");
            if (r.error() != null) {
                n.put("error", r.error());
            }
            ObjectNode labels = n.putObject("labels");
            ObjectNode scores = n.putObject("scores");
            r.tasks().forEach((task, tr) -> {
                labels.set(task, m.valueToTree(tr.labels()));
                scores.set(task, m.valueToTree(tr.scores()));
            });
            if (r.explanations() != null) {
                n.set("explanations", m.valueToTree(r.explanations()));
            }
            w.write(m.writeValueAsString(n));
            w.write('\n');
        }
    }
}
