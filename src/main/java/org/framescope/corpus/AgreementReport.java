package org.framescope.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.framescope.io.CsvTable;
import org.framescope.model.LabelScheme;
import org.framescope.model.Task;

/**
 * Inter-annotator agreement of a corpus directory: the paragraphs labelled twice, blind
 * ({@code agreement/first_pass.csv} and {@code agreement/second_pass.csv}), compared per label
 * (observed agreement and Cohen's kappa), separately for the paragraphs new in this version when
 * the requirements name their id prefix.
 */
final class AgreementReport {

    private final Path dir;
    private final LabelScheme scheme;
    private final long paragraphCount;
    private final String prefix;

    AgreementReport(Path dir, LabelScheme scheme, long paragraphCount, String newIdPrefix) {
        this.dir = dir;
        this.scheme = scheme;
        this.paragraphCount = paragraphCount;
        this.prefix = newIdPrefix;
    }

    /** Ids of the paragraphs re-labelled blind (in both agreement files). */
    List<String> ids() throws IOException {
        Path first = dir.resolve("agreement/first_pass.csv");
        Path second = dir.resolve("agreement/second_pass.csv");
        if (!Files.isRegularFile(first) || !Files.isRegularFile(second)) {
            return List.of();
        }
        Map<String, CsvTable.Row> b = byId(CorpusCard.CsvRows.rows(second));
        return byId(CorpusCard.CsvRows.rows(first)).keySet().stream()
                .filter(b::containsKey)
                .sorted()
                .toList();
    }

    /** Markdown: agreement between the first annotation and the blind second one: the v1 sample, then the sample of new paragraphs. */
    String markdown() throws IOException {
        List<String> ids = ids();
        if (ids.isEmpty()) {
            return "";
        }
        Map<String, CsvTable.Row> a = byId(CorpusCard.CsvRows.rows(dir.resolve("agreement/first_pass.csv")));
        Map<String, CsvTable.Row> b = byId(CorpusCard.CsvRows.rows(dir.resolve("agreement/second_pass.csv")));
        StringBuilder sb = new StringBuilder("\n### Inter-annotator agreement\n");
        if (prefix.isEmpty()) {
            sb.append(agreementTable(ids, a, b, "the corpus", paragraphCount));
            return sb.toString();
        }
        List<String> old = ids.stream().filter(i -> !i.startsWith(prefix)).toList();
        List<String> added = ids.stream().filter(i -> i.startsWith(prefix)).toList();
        long oldParas = allIds().stream().filter(i -> !i.startsWith(prefix)).count();
        long newParas = allIds().stream().filter(i -> i.startsWith(prefix)).count();
        if (!old.isEmpty()) {
            sb.append("\nCorpus v1 paragraphs:\n").append(agreementTable(old, a, b, "the v1 paragraphs", oldParas));
        }
        if (!added.isEmpty()) {
            sb.append("\nParagraphs new in this version (ids starting ")
                    .append(prefix)
                    .append("):\n")
                    .append(agreementTable(added, a, b, "the new paragraphs", newParas));
        }
        return sb.toString();
    }

    private List<String> allIds() {
        return CorpusCard.CsvRows.rows(dir.resolve("paragraphs.csv")).stream()
                .map(r -> r.get("id"))
                .toList();
    }

    private String agreementTable(
            List<String> ids, Map<String, CsvTable.Row> a, Map<String, CsvTable.Row> b, String of, long total) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "%n%d paragraphs (%.1f%% of %s) re-labelled blind by a second annotator.%n%n"
                        + "| task:label | positives (1st / 2nd) | observed agreement | Cohen's kappa |%n|---|---|---|---|%n",
                ids.size(),
                100.0 * ids.size() / total,
                of));
        for (Task t : scheme.tasks()) {
            if (t.multiLabel()) {
                double sumK = 0;
                int nK = 0;
                for (String l : t.labels()) {
                    List<Boolean> x = ids.stream()
                            .map(id -> split(a.get(id).get(t.name())).contains(l))
                            .toList();
                    List<Boolean> y = ids.stream()
                            .map(id -> split(b.get(id).get(t.name())).contains(l))
                            .toList();
                    Agreement.Kappa k = Agreement.binary(x, y);
                    if (!Double.isNaN(k.kappa())) {
                        sumK += k.kappa();
                        nK++;
                    }
                    sb.append(String.format(
                            Locale.ROOT,
                            "| %s:%s | %d / %d | %.3f | %.3f |%n",
                            t.name(),
                            l,
                            x.stream().filter(v -> v).count(),
                            y.stream().filter(v -> v).count(),
                            k.observed(),
                            k.kappa()));
                }
                sb.append(String.format(
                        Locale.ROOT, "| %s (mean kappa over labels) | | | %.3f |%n", t.name(), sumK / Math.max(1, nK)));
            } else {
                int[] x = ids.stream()
                        .mapToInt(id -> code(t, a.get(id).get(t.name())))
                        .toArray();
                int[] y = ids.stream()
                        .mapToInt(id -> code(t, b.get(id).get(t.name())))
                        .toArray();
                Agreement.Kappa k = Agreement.cohen(x, y, t.size());
                sb.append(String.format(
                        Locale.ROOT,
                        "| %s (%s) | | %.3f | %.3f |%n",
                        t.name(),
                        String.join("/", t.labels()),
                        k.observed(),
                        k.kappa()));
            }
        }
        return sb.toString();
    }

    private static int code(Task t, String cell) {
        String v = cell == null || cell.isBlank()
                ? (t.neutral() != null ? t.neutral() : t.labels().get(0))
                : cell.strip();
        int i = t.indexOf(v);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "unknown label '" + v + "' for task " + t.name() + " in agreement files");
        }
        return i;
    }

    private static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        if (cell != null) {
            for (String s : cell.split(";")) {
                if (!s.isBlank()) out.add(s.strip());
            }
        }
        return out;
    }

    private static Map<String, CsvTable.Row> byId(List<CsvTable.Row> rows) {
        Map<String, CsvTable.Row> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.get("id"), r));
        return m;
    }
}
