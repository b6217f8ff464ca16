package org.framescope.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Column names of a CSV file; every one can be renamed from the command line.
 *
 * @param taskColumns task name to column name, for tasks whose column is not named as the task
 */
public record CsvColumns(
        String text,
        String id,
        String articleId,
        String paragraph,
        String lang,
        String split,
        Map<String, String> taskColumns) {

    /** Copies the task-to-column map. */
    public CsvColumns {
        taskColumns = Map.copyOf(taskColumns);
    }

    /**
     * The default column names: text, id, article_id, paragraph, lang and split; task columns named as
     * their tasks.
     */
    public static CsvColumns defaults() {
        return new CsvColumns("text", "id", "article_id", "paragraph", "lang", "split", Map.of());
    }

    /** The column holding the task's labels: its mapped name, else the task's own name. */
    public String columnFor(String task) {
        return taskColumns.getOrDefault(task, task);
    }

    /** A copy with another text column. */
    public CsvColumns withText(String t) {
        return new CsvColumns(t, id, articleId, paragraph, lang, split, taskColumns);
    }

    /** A copy with another id column. */
    public CsvColumns withId(String i) {
        return new CsvColumns(text, i, articleId, paragraph, lang, split, taskColumns);
    }

    /** A copy with these task-to-column mappings added (replacing those for the same tasks). */
    public CsvColumns withTaskColumns(Map<String, String> m) {
        Map<String, String> all = new LinkedHashMap<>(taskColumns);
        all.putAll(m);
        return new CsvColumns(text, id, articleId, paragraph, lang, split, all);
    }
}
