package org.framescope;

import java.util.List;
import java.util.Map;

/**
 * The classification of one article.
 *
 * @param language     language guess ("en", "fr", ... or "und")
 * @param tasks        article-level result per task
 * @param paragraphs   per-paragraph results, in order
 * @param evidence     for every article label (except a single-label task's neutral one), the paragraphs behind it
 * @param droppedLines boilerplate lines removed before classification
 */
public record ArticleResult(String id, String language, Map<String, TaskResult> tasks, List<ParagraphResult> paragraphs,
                            List<Evidence> evidence, List<String> droppedLines) {
    public ArticleResult {
        tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
        paragraphs = List.copyOf(paragraphs);
        evidence = List.copyOf(evidence);
        droppedLines = List.copyOf(droppedLines);
    }
}
