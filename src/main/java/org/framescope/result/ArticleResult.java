package org.framescope.result;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param explanations why each label was given (article labels first, then paragraph labels in
 *                     paragraph order), or null when not asked for ({@link org.framescope.FrameScope#explainArticles(List)});
 *                     left out of JSON when null
 */
public record ArticleResult(
        String id,
        String language,
        Map<String, TaskResult> tasks,
        List<ParagraphResult> paragraphs,
        List<Evidence> evidence,
        List<String> droppedLines,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Explanation> explanations) {
    /**
     * Copies the collections into unmodifiable ones (the map keeps its iteration order).
     *
     * @param id           the caller's identifier of the article, or null
     * @param language     language guess
     * @param tasks        article-level result per task
     * @param paragraphs   per-paragraph results, in order
     * @param evidence     the paragraphs behind each article label
     * @param droppedLines boilerplate lines removed before classification
     * @param explanations why each label was given, or null
     * @throws NullPointerException if a collection (other than {@code explanations}) is null, or a
     *                              list or a map key holds null
     */
    public ArticleResult {
        tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
        paragraphs = List.copyOf(paragraphs);
        evidence = List.copyOf(evidence);
        droppedLines = List.copyOf(droppedLines);
        explanations = explanations == null ? null : List.copyOf(explanations);
    }

    /**
     * A result without explanations.
     *
     * @param id           the caller's identifier of the article, or null
     * @param language     language guess
     * @param tasks        article-level result per task
     * @param paragraphs   per-paragraph results, in order
     * @param evidence     the paragraphs behind each article label
     * @param droppedLines boilerplate lines removed before classification
     * @throws NullPointerException as the canonical constructor
     */
    public ArticleResult(
            String id,
            String language,
            Map<String, TaskResult> tasks,
            List<ParagraphResult> paragraphs,
            List<Evidence> evidence,
            List<String> droppedLines) {
        this(id, language, tasks, paragraphs, evidence, droppedLines, null);
    }

    /**
     * A copy with explanations.
     *
     * @param e the explanations, or null for none
     * @return the modified copy
     */
    public ArticleResult withExplanations(List<Explanation> e) {
        return new ArticleResult(id, language, tasks, paragraphs, evidence, droppedLines, e);
    }
}
