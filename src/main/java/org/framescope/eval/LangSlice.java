package org.framescope.eval;

import java.util.List;

/** The metrics of the items in one language (the CSV's {@code lang} column); curves are left out. */
public record LangSlice(
        String lang, int articles, int paragraphs, List<TaskMetrics> paragraph, List<TaskMetrics> article) {

    /** Copies the per-level metric lists. */
    public LangSlice {
        paragraph = List.copyOf(paragraph);
        article = List.copyOf(article);
    }
}
