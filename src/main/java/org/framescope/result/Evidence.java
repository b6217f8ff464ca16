package org.framescope.result;

import java.util.List;

/**
 * Why an article carries a label: the paragraphs that carry it, strongest first. When no paragraph
 * passes the label's paragraph threshold, the one paragraph with the highest score is given (the
 * article head max-pools paragraph scores, so that paragraph is what put the label on the article).
 * Immutable and thread-safe.
 *
 * @param task       the task's name
 * @param label      the article label explained
 * @param score      the article-level score of the label
 * @param paragraphs indexes into {@link ArticleResult#paragraphs()}, strongest first; never empty
 *                   in results made by {@link org.framescope.FrameScope}
 */
public record Evidence(String task, String label, double score, List<Integer> paragraphs) {
    /**
     * Copies the paragraph list into an unmodifiable one.
     *
     * @param task       the task's name
     * @param label      the article label explained
     * @param score      the article-level score of the label
     * @param paragraphs paragraph indexes, strongest first
     * @throws NullPointerException if {@code paragraphs} is null or holds null
     */
    public Evidence {
        paragraphs = List.copyOf(paragraphs);
    }
}
