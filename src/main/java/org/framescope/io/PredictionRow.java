package org.framescope.io;

import org.framescope.TaskResult;

import java.util.Map;

/**
 * One output row of {@code framescope predict}: an article, one of its paragraphs, or an error.
 *
 * @param row       input row it answers (spreadsheet numbering, header = 1; 0 for JSONL line-less input)
 * @param level     "article", "paragraph" or "error"
 * @param paragraph paragraph index, or -1 for article and error rows
 * @param tasks     results per task (empty for error rows)
 */
public record PredictionRow(String id, long row, String level, int paragraph, String lang,
                            Map<String, TaskResult> tasks, String error) {
}
