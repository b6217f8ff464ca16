package org.framescope.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.framescope.util.InputException;

/**
 * Paragraph-level CSV rows grouped into articles: rows with the same article id, in paragraph-number order, articles
 * in order of first appearance. The one grouping used by the corpus reader (which stops at the first bad row),
 * {@code predict} (which turns each bad row into an error row and goes on) and the load test.
 */
public final class ParagraphRows {
    private ParagraphRows() {}

    /** The rows of one article, sorted by paragraph number. */
    public record Group(String articleId, List<Integer> paragraphs, List<CsvTable.Row> rows) {
        public Group {
            paragraphs = List.copyOf(paragraphs);
            rows = List.copyOf(rows);
        }
    }

    /**
     * A row that belongs to no article: empty id, a paragraph cell that is not a number, or a paragraph number the
     * article already has.
     *
     * @param paragraph the paragraph number, or -1 when the cell is not a number
     */
    public record BadRow(CsvTable.Row row, String articleId, int paragraph, String column, String message) {
        public InputException toException(String file) {
            return new InputException(file, row.row(), column, message);
        }
    }

    /**
     * Groups {@code rows}; each bad row goes to {@code onBadRow} (which may throw) and is left out of the groups.
     */
    public static List<Group> group(
            Iterable<CsvTable.Row> rows, String idColumn, String paragraphColumn, Consumer<BadRow> onBadRow) {
        Map<String, TreeMap<Integer, CsvTable.Row>> byArticle = new LinkedHashMap<>();
        for (CsvTable.Row r : rows) {
            String aid = r.get(idColumn).strip();
            if (aid.isEmpty()) {
                onBadRow.accept(new BadRow(r, aid, -1, idColumn, "empty article id"));
                continue;
            }
            String cell = r.get(paragraphColumn).strip();
            int idx;
            try {
                idx = Integer.parseInt(cell);
            } catch (NumberFormatException e) {
                onBadRow.accept(new BadRow(r, aid, -1, paragraphColumn, "not a paragraph number: '" + cell + "'"));
                continue;
            }
            CsvTable.Row prev =
                    byArticle.computeIfAbsent(aid, k -> new TreeMap<>()).putIfAbsent(idx, r);
            if (prev != null) {
                onBadRow.accept(new BadRow(
                        r,
                        aid,
                        idx,
                        paragraphColumn,
                        "article '" + aid + "' already has paragraph " + idx + " (row " + prev.row() + ")"));
            }
        }
        List<Group> out = new ArrayList<>(byArticle.size());
        byArticle.forEach(
                (aid, ps) -> out.add(new Group(aid, new ArrayList<>(ps.keySet()), new ArrayList<>(ps.values()))));
        return out;
    }
}
