package org.framescope.io;

import java.util.List;
import java.util.Map;
import org.framescope.result.Explanation;
import org.framescope.result.TaskResult;

/**
 * One output row of {@code framescope predict}: an article, one of its paragraphs, or an error.
 *
 * @param row       input row it answers (spreadsheet numbering, header = 1; 0 for JSONL line-less input)
 * @param level     "article", "paragraph" or "error"
 * @param paragraph paragraph index, or -1 for article and error rows
 * @param tasks     results per task (empty for error rows)
 * @param explanations why the row's labels were given ({@code predict --explain}; JSONL only), or null
 */
public record PredictionRow(
        String id,
        long row,
        String level,
        int paragraph,
        String lang,
        Map<String, TaskResult> tasks,
        String error,
        List<Explanation> explanations) {

    /** A row without explanations. */
    public PredictionRow(
            String id,
            long row,
            String level,
            int paragraph,
            String lang,
            Map<String, TaskResult> tasks,
            String error) {
        this(id, row, level, paragraph, lang, tasks, error, null);
    }
}
