package org.framescope.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.framescope.data.ArticleLabels;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.data.Labels;
import org.framescope.model.LabelScheme;
import org.framescope.model.Task;
import org.framescope.text.SegmentedArticle;
import org.framescope.text.Segmenter;
import org.framescope.text.TextLimits;
import org.framescope.util.InputException;

/**
 * Reads a labelled CSV (the DESIGN.md format) into articles, through the same {@link Segmenter}
 * that inference uses.
 * <ul>
 *   <li>With {@code article_id} and {@code paragraph} columns, rows are paragraphs: they are grouped
 *       into articles, and article labels are derived from paragraph labels.</li>
 *   <li>Otherwise each row is an article: its text is segmented into paragraphs and its labels are
 *       article labels (a one-paragraph article's labels also label that paragraph).</li>
 * </ul>
 */
public final class CorpusReader {

    /**
     * Optional column of a paragraph-level CSV: the section heading printed above the paragraph. The
     * model reads it with the paragraph, as it does for headings the segmenter finds in raw text.
     */
    public static final String HEADING_COLUMN = "heading";

    private final LabelScheme scheme;
    private final CsvColumns columns;
    private final Segmenter segmenter;
    private final int maxChars;

    /**
     * A reader for CSVs labelled with the scheme's tasks.
     *
     * @param maxChars texts longer than this are refused
     */
    public CorpusReader(LabelScheme scheme, CsvColumns columns, Segmenter segmenter, int maxChars) {
        this.scheme = scheme;
        this.columns = columns;
        this.segmenter = segmenter;
        this.maxChars = maxChars;
    }

    /**
     * Reads a labelled CSV file ({@code -} for stdin) into a corpus.
     *
     * @throws InputException if the file is missing or not a valid labelled CSV for the scheme
     * @throws IOException if the file cannot be read
     */
    public Corpus read(String file) throws IOException {
        return read(CsvTable.read(file));
    }

    /**
     * Reads an already parsed labelled CSV into a corpus.
     *
     * @throws InputException if a needed column is missing or a row is invalid (the message names file,
     *     row and column)
     */
    public Corpus read(CsvTable table) {
        String f = table.file();
        requireColumn(table, columns.text());
        List<String> missing = scheme.tasks().stream()
                .map(t -> columns.columnFor(t.name()))
                .filter(c -> !table.has(c))
                .toList();
        if (!missing.isEmpty()) {
            // The usual cause is a model/CSV scheme mismatch: say which scheme the columns must match.
            throw new InputException(
                    f,
                    1,
                    missing.get(0),
                    "missing column for a task of label scheme '" + scheme.name() + "' (tasks: "
                            + String.join(", ", scheme.taskNames()) + "; missing: " + String.join(", ", missing)
                            + "; the header has: "
                            + String.join(", ", table.header())
                            + "); map a column with --task-column TASK=COLUMN, or use a model trained on this CSV's labels");
        }
        if (table.rows().isEmpty()) {
            throw new InputException(f, 0, null, "no data rows");
        }
        boolean paragraphLevel = table.has(columns.articleId()) && table.has(columns.paragraph());
        return paragraphLevel ? readParagraphs(table) : readArticles(table);
    }

    private void requireColumn(CsvTable table, String column) {
        if (!table.has(column)) {
            throw new InputException(
                    table.file(),
                    1,
                    column,
                    "missing column (the header has: " + String.join(", ", table.header()) + ")");
        }
    }

    /** Validates and returns the row's text. */
    String text(CsvTable table, CsvTable.Row r) {
        String t = r.get(columns.text());
        if (t == null || t.isBlank()) {
            throw new InputException(table.file(), r.row(), columns.text(), "empty text");
        }
        String tooLong = TextLimits.overLimit(t, maxChars);
        if (tooLong != null) {
            throw new InputException(table.file(), r.row(), columns.text(), tooLong);
        }
        return t;
    }

    /** Parses the row's gold labels for every task of the scheme. */
    public Labels labels(CsvTable table, CsvTable.Row r) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Task t : scheme.tasks()) {
            String col = columns.columnFor(t.name());
            String cell = r.get(col) == null ? "" : r.get(col).strip();
            Set<String> labels = new LinkedHashSet<>();
            for (String part : cell.split(";")) {
                String l = part.strip();
                if (l.isEmpty()) {
                    continue;
                }
                if (!t.labels().contains(l)) {
                    throw new InputException(
                            table.file(),
                            r.row(),
                            col,
                            "unknown label '" + l + "' for task '" + t.name() + "' (known: "
                                    + String.join(", ", t.labels()) + ")");
                }
                labels.add(l);
            }
            if (!t.multiLabel() && labels.size() != 1) {
                throw new InputException(
                        table.file(),
                        r.row(),
                        col,
                        labels.isEmpty()
                                ? "empty label for single-label task '" + t.name() + "'"
                                : "single-label task '" + t.name() + "' has " + labels.size() + " labels");
            }
            out.put(t.name(), labels);
        }
        return new Labels(out);
    }

    private Corpus readParagraphs(CsvTable table) {
        record P(long row, String text, Labels labels, String lang, String split) {}
        List<ParagraphRows.Group> groups =
                ParagraphRows.group(table.rows(), columns.articleId(), columns.paragraph(), bad -> {
                    throw bad.toException(table.file());
                });
        List<LabeledArticle> articles = new ArrayList<>();
        for (ParagraphRows.Group g : groups) {
            List<P> ps = new ArrayList<>(g.rows().size());
            for (CsvTable.Row r : g.rows()) {
                String text = segmenter.normalizeParagraph(text(table, r));
                String heading = cell(table, r, HEADING_COLUMN);
                if (heading != null && !heading.isEmpty()) {
                    text = Segmenter.withHeading(segmenter.normalizeParagraph(heading), text);
                }
                ps.add(new P(
                        r.row(),
                        text,
                        labels(table, r),
                        cell(table, r, columns.lang()),
                        cell(table, r, columns.split())));
            }
            Set<String> splits = new LinkedHashSet<>();
            ps.forEach(p -> splits.add(p.split()));
            if (splits.size() > 1) {
                throw new InputException(
                        table.file(),
                        ps.get(0).row(),
                        columns.split(),
                        "article '" + g.articleId() + "' is in more than one split: " + splits);
            }
            List<Labels> pl = ps.stream().map(P::labels).toList();
            articles.add(new LabeledArticle(
                    g.articleId(),
                    ps.get(0).lang(),
                    ps.get(0).split(),
                    ps.stream().map(P::text).toList(),
                    pl,
                    ArticleLabels.derive(scheme, pl),
                    ps.stream().map(p -> (int) p.row()).toList()));
        }
        return new Corpus(table.file(), table.sha256(), articles, true, table.has(columns.lang()));
    }

    private Corpus readArticles(CsvTable table) {
        List<LabeledArticle> articles = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (CsvTable.Row r : table.rows()) {
            String raw = text(table, r);
            String id = cell(table, r, columns.id());
            if (id == null || id.isBlank()) {
                id = "row" + r.row();
            } else if (!ids.add(id)) {
                throw new InputException(table.file(), r.row(), columns.id(), "duplicate id '" + id + "'");
            }
            SegmentedArticle seg = segmenter.segment(raw);
            if (seg.paragraphs().isEmpty()) {
                throw new InputException(
                        table.file(), r.row(), columns.text(), "no paragraphs left after removing boilerplate lines");
            }
            Labels labels = labels(table, r);
            List<Labels> pl = seg.paragraphs().size() == 1 ? List.of(labels) : null;
            String lang = cell(table, r, columns.lang());
            articles.add(new LabeledArticle(
                    id,
                    lang == null || lang.isBlank() ? seg.language() : lang,
                    cell(table, r, columns.split()),
                    seg.texts(),
                    pl,
                    labels,
                    java.util.Collections.nCopies(seg.paragraphs().size(), (int) r.row())));
        }
        return new Corpus(table.file(), table.sha256(), articles, false, table.has(columns.lang()));
    }

    private static String cell(CsvTable table, CsvTable.Row r, String column) {
        return table.has(column) ? r.get(column).strip() : null;
    }
}
