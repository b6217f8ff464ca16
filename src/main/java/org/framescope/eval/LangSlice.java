package org.framescope.eval;

import java.util.List;
import org.framescope.model.Level;

/** The metrics of the items in one language (the CSV's {@code lang} column); curves are left out. */
public record LangSlice(
        String lang, int articles, int paragraphs, List<TaskMetrics> paragraph, List<TaskMetrics> article) {

    /** Copies the per-level metric lists. */
    public LangSlice {
        paragraph = List.copyOf(paragraph);
        article = List.copyOf(article);
    }

    /** The metrics at one level. */
    public List<TaskMetrics> metrics(Level level) {
        return level == Level.PARAGRAPH ? paragraph : article;
    }

    /** How many items of this language there are at one level. */
    public int items(Level level) {
        return level == Level.PARAGRAPH ? paragraphs : articles;
    }
}
