package org.framescope.result;

import java.util.Map;

/**
 * Labels and scores of one paragraph. Immutable and thread-safe.
 *
 * @param index kept paragraphs counted from 0 (the title, when the article has one)
 * @param text  the paragraph's normalised text (a section heading, if any, prefixed as context)
 * @param title whether this paragraph is the article's title
 * @param tasks the paragraph's result per task, keyed by task name, in scheme order
 */
public record ParagraphResult(int index, String text, boolean title, Map<String, TaskResult> tasks) {
    /**
     * Copies the task map into an unmodifiable one that keeps its iteration order.
     *
     * @param index the paragraph's index among kept paragraphs
     * @param text  the paragraph's normalised text
     * @param title whether this paragraph is the article's title
     * @param tasks the paragraph's result per task
     * @throws NullPointerException if {@code tasks} is null
     */
    public ParagraphResult {
        tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
    }
}
