package org.framescope;

import java.util.List;
import java.util.Map;

/**
 * The classification of one article. Immutable and thread-safe: the collections are unmodifiable
 * copies and every component is itself immutable; equal inputs give equal results.
 *
 * @param id           the caller's identifier of the article, or null
 * @param language     language guess ("en", "fr", ... or "und")
 * @param tasks        article-level result per task, keyed by task name, in scheme order
 * @param paragraphs   per-paragraph results, in order
 * @param evidence     for every article label (except a single-label task's neutral one), the paragraphs behind it
 * @param droppedLines boilerplate lines removed before classification
 */
public record ArticleResult(String id, String language, Map<String, TaskResult> tasks, List<ParagraphResult> paragraphs,
                            List<Evidence> evidence, List<String> droppedLines) {
    /**
     * Copies the collections into unmodifiable ones (the map keeps its iteration order).
     *
     * @param id           the caller's identifier of the article, or null
     * @param language     language guess
     * @param tasks        article-level result per task
     * @param paragraphs   per-paragraph results, in order
     * @param evidence     the paragraphs behind each article label
     * @param droppedLines boilerplate lines removed before classification
     * @throws NullPointerException if a collection is null, or a list or a map key holds null
     */
    public ArticleResult {
        tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
        paragraphs = List.copyOf(paragraphs);
        evidence = List.copyOf(evidence);
        droppedLines = List.copyOf(droppedLines);
    }
}
