package org.framescope.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.framescope.FrameScope;
import org.framescope.io.CsvColumns;
import org.framescope.io.CsvTable;
import org.framescope.io.JsonLines;
import org.framescope.io.ParagraphRows;
import org.framescope.io.PredictionRow;
import org.framescope.io.PredictionWriter;
import org.framescope.io.TextInput;
import org.framescope.model.Level;
import org.framescope.result.ArticleInput;
import org.framescope.result.ArticleOutcome;
import org.framescope.result.ArticleResult;
import org.framescope.result.ParagraphResult;
import org.framescope.util.AtomicFiles;
import org.framescope.util.InputException;
import org.framescope.util.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code framescope predict}: batch scoring of a CSV or JSONL file. Every input row gets an output
 * row or an error row; the output file is written atomically, and only when the input could be read.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Score every row of a CSV or JSONL file and write labels and per-label scores.",
            "Rows are articles (text split into paragraphs), or paragraphs when the CSV has article_id and paragraph columns.",
            "Exit code 2 when any row was bad (its error row says why); the other rows are still scored."
        })
final class PredictCommand implements Callable<Integer> {

    @Option(
            names = {"-i", "--input"},
            required = true,
            paramLabel = "FILE",
            description = "Input CSV or JSONL ('-' = stdin, read as CSV unless --input-format jsonl).")
    String input;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "Output file (.csv or .jsonl).")
    Path output;

    /** The output replaces its file atomically: pointing it at the input (by any name or link) would destroy the input. */
    private void refuseOverwritingInput() throws java.io.IOException {
        if ("-".equals(input) || !java.nio.file.Files.exists(output)) {
            return;
        }
        Path in = Path.of(input);
        if (java.nio.file.Files.exists(in) && java.nio.file.Files.isSameFile(in, output)) {
            throw new org.framescope.util.InputException(
                    output.toString(),
                    0,
                    null,
                    "the output is the input file (" + input
                            + "); writing predictions would replace it: choose another -o");
        }
    }

    /** csv or jsonl, checked while parsing: an unknown name must not cost a model load. */
    static final class FormatName implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String v) {
            String f = v.strip().toLowerCase(Locale.ROOT);
            if (!f.equals("csv") && !f.equals("jsonl")) {
                throw new picocli.CommandLine.TypeConversionException("'" + v + "' is not a format: use csv or jsonl");
            }
            return f;
        }
    }

    @Option(
            converter = FormatName.class,
            names = "--format",
            paramLabel = "csv|jsonl",
            description = "Output format (default: from the output file's extension).")
    String format;

    @Option(
            converter = FormatName.class,
            names = "--input-format",
            paramLabel = "csv|jsonl",
            description = "Input format (default: from the input file's extension).")
    String inputFormat;

    @Option(
            names = "--explain",
            description =
                    "Explain every label (sentences and terms, by occlusion) in an 'explanations' field of each JSONL row; a few times slower.")
    boolean explain;

    @Option(
            names = "--no-paragraphs",
            description = "For article rows, write only the article row, not one row per paragraph.")
    boolean noParagraphs;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--batch",
            paramLabel = "N",
            defaultValue = "16",
            description = "Articles per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    CsvOptions csvOptions;

    private record Item(long row, String id, String text, String lang, String error) {}

    private record Group(String articleId, List<Long> rows, List<Integer> indices, List<String> texts, String lang) {}

    @Override
    public Integer call() throws Exception {
        PredictionWriter.Format outFormat = PredictionWriter.formatFor(output, format);
        if (explain && outFormat != PredictionWriter.Format.JSONL) {
            throw new IllegalArgumentException(
                    "--explain writes nested explanations: use a .jsonl output or --format jsonl");
        }
        refuseOverwritingInput();
        AtomicFiles.checkWritable(output);
        boolean jsonlIn = inputFormat != null
                ? inputFormat.equalsIgnoreCase("jsonl")
                : input.toLowerCase(Locale.ROOT).endsWith(".jsonl")
                        || input.toLowerCase(Locale.ROOT).endsWith(".ndjson");
        CsvColumns cols = csvOptions.columns();
        List<Item> items = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        List<PredictionRow> errorRows = new ArrayList<>();
        if (jsonlIn) {
            items = readJsonl(input);
        } else {
            CsvTable table = CsvTable.read(input);
            if (!table.has(cols.text())) {
                throw new InputException(
                        table.file(),
                        1,
                        cols.text(),
                        "missing column (the header has: " + String.join(", ", table.header()) + ")");
            }
            if (table.rows().isEmpty()) {
                throw new InputException(table.file(), 0, null, "no data rows");
            }
            if (table.has(cols.articleId()) && table.has(cols.paragraph())) {
                groups = group(table, cols, errorRows);
            } else {
                for (CsvTable.Row r : table.rows()) {
                    String id = table.has(cols.id()) ? r.get(cols.id()) : null;
                    String lang = table.has(cols.lang()) ? r.get(cols.lang()) : null;
                    items.add(new Item(
                            r.row(),
                            id == null || id.isBlank() ? "row" + r.row() : id,
                            r.get(cols.text()),
                            lang,
                            null));
                }
            }
        }
        List<PredictionRow> out = new ArrayList<>(errorRows);
        try (FrameScope fs = modelOptions.load(false);
                Progress bar = Progress.start("Scoring", items.size() + groups.size())) {
            List<Item> good = new ArrayList<>();
            for (Item it : items) {
                if (it.error() != null) {
                    out.add(new PredictionRow(it.id(), it.row(), "error", -1, it.lang(), Map.of(), it.error()));
                } else {
                    good.add(it);
                }
            }
            for (int from = 0; from < good.size(); from += batch) {
                List<Item> part = good.subList(from, Math.min(good.size(), from + batch));
                List<ArticleOutcome> outcomes = fs.classifyEach(
                        part.stream()
                                .map(it -> new ArticleInput(it.id(), it.text()))
                                .toList(),
                        explain,
                        () -> false);
                for (int k = 0; k < part.size(); k++) {
                    Item it = part.get(k);
                    ArticleOutcome o = outcomes.get(k);
                    if (!o.succeeded()) {
                        out.add(new PredictionRow(it.id(), it.row(), "error", -1, it.lang(), Map.of(), o.error()));
                        continue;
                    }
                    ArticleResult r = o.result();
                    String lang = it.lang() == null || it.lang().isBlank() ? r.language() : it.lang();
                    out.add(new PredictionRow(
                            it.id(), it.row(), "article", -1, lang, r.tasks(), null, explanations(r, -1)));
                    if (!noParagraphs) {
                        for (ParagraphResult p : r.paragraphs()) {
                            out.add(new PredictionRow(
                                    it.id(),
                                    it.row(),
                                    "paragraph",
                                    p.index(),
                                    lang,
                                    p.tasks(),
                                    null,
                                    explanations(r, p.index())));
                        }
                    }
                }
                bar.stepBy(part.size());
            }
            for (Group g : groups) {
                String err = g.texts().stream()
                        .map(fs::problem)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null);
                if (err != null) {
                    for (int k = 0; k < g.rows().size(); k++) {
                        String e2 = fs.problem(g.texts().get(k));
                        out.add(new PredictionRow(
                                g.articleId(),
                                g.rows().get(k),
                                "error",
                                g.indices().get(k),
                                g.lang(),
                                Map.of(),
                                e2 != null ? e2 : "another paragraph of this article is invalid: " + err));
                    }
                } else {
                    ArticleResult r = explain
                            ? fs.explainParagraphs(g.articleId(), g.texts(), g.lang())
                            : fs.classifyParagraphs(g.articleId(), g.texts(), g.lang());
                    out.add(new PredictionRow(
                            g.articleId(),
                            g.rows().get(0),
                            "article",
                            -1,
                            r.language(),
                            r.tasks(),
                            null,
                            explanations(r, -1)));
                    for (int k = 0; k < g.rows().size(); k++) {
                        out.add(new PredictionRow(
                                g.articleId(),
                                g.rows().get(k),
                                "paragraph",
                                g.indices().get(k),
                                r.language(),
                                r.paragraphs().get(k).tasks(),
                                null,
                                explanations(r, k)));
                    }
                }
                bar.stepBy(1);
            }
            out.sort(java.util.Comparator.comparingLong(PredictionRow::row));
            PredictionWriter.write(output, outFormat, fs.scheme(), out);
        }
        long errors = out.stream().filter(r -> r.error() != null).count();
        for (PredictionRow r : out) {
            if (r.error() != null) {
                System.err.println("framescope: error: "
                        + InputException.format(TextInput.displayName(input), r.row(), null, r.error()));
            }
        }
        System.err.printf(Locale.ROOT, "wrote %d rows to %s (%d errors)%n", out.size(), output, errors);
        return errors > 0 ? Main.BAD_INPUT : Main.OK;
    }

    /**
     * The explanations of one output row: the article's labels (paragraph -1) or one paragraph's
     * (by its position in the article, counted from 0); null without --explain.
     */
    private static List<org.framescope.result.Explanation> explanations(ArticleResult r, int paragraph) {
        if (r.explanations() == null) {
            return null;
        }
        return r.explanations().stream()
                .filter(e -> paragraph < 0
                        ? e.level() == Level.ARTICLE
                        : e.level() == Level.PARAGRAPH && e.paragraph() == paragraph)
                .toList();
    }

    /** A paragraph's text with its section heading (optional column), as the corpus reader builds it. */
    private static String withHeading(CsvTable table, CsvTable.Row r, CsvColumns cols) {
        String h = table.has(org.framescope.io.CorpusReader.HEADING_COLUMN)
                ? r.get(org.framescope.io.CorpusReader.HEADING_COLUMN)
                : null;
        return h == null || h.isBlank()
                ? r.get(cols.text())
                : org.framescope.text.Segmenter.withHeading(h.strip(), r.get(cols.text()));
    }

    private static List<Group> group(CsvTable table, CsvColumns cols, List<PredictionRow> errors) {
        List<ParagraphRows.Group> groups = ParagraphRows.group(
                table.rows(),
                cols.articleId(),
                cols.paragraph(),
                bad -> errors.add(new PredictionRow(
                        bad.articleId(),
                        bad.row().row(),
                        "error",
                        bad.paragraph(),
                        null,
                        Map.of(),
                        "column '" + bad.column() + "': " + bad.message())));
        List<Group> out = new ArrayList<>(groups.size());
        for (ParagraphRows.Group g : groups) {
            List<CsvTable.Row> rs = g.rows();
            String lang = table.has(cols.lang()) ? rs.get(0).get(cols.lang()) : null;
            out.add(new Group(
                    g.articleId(),
                    rs.stream().map(CsvTable.Row::row).toList(),
                    g.paragraphs(),
                    rs.stream().map(r -> withHeading(table, r, cols)).toList(),
                    lang));
        }
        return out;
    }

    private static List<Item> readJsonl(String input) throws Exception {
        return JsonLines.read(input).stream()
                .map(l -> new Item(l.line(), l.id(), l.text(), l.lang(), l.error()))
                .toList();
    }
}
