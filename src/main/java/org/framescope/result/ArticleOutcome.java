package org.framescope.result;

import java.util.Objects;

/**
 * What batch scoring made of one article: its result, or the one-line reason it could not be
 * classified ({@link org.framescope.FrameScope#classifyEach}). Exactly one of {@code result} and {@code error} is
 * non-null. Immutable and thread-safe.
 *
 * @param input  the article as given
 * @param result its classification, or null when it failed
 * @param error  why it could not be classified (for example "empty text"), or null when it succeeded
 */
public record ArticleOutcome(ArticleInput input, ArticleResult result, String error) {

    /**
     * Checks that exactly one of result and error is given.
     *
     * @param input  the article as given
     * @param result its classification, or null
     * @param error  why it failed, or null
     * @throws IllegalArgumentException unless exactly one of {@code result} and {@code error} is null
     * @throws NullPointerException if {@code input} is null
     */
    public ArticleOutcome {
        Objects.requireNonNull(input, "input");
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("an outcome has a result or an error, not both or neither");
        }
    }

    /**
     * A classified article.
     *
     * @param input  the article
     * @param result its classification
     * @return the outcome
     */
    public static ArticleOutcome ok(ArticleInput input, ArticleResult result) {
        return new ArticleOutcome(input, Objects.requireNonNull(result, "result"), null);
    }

    /**
     * An article that could not be classified.
     *
     * @param input  the article
     * @param error  why, in one line
     * @return the outcome
     */
    public static ArticleOutcome failed(ArticleInput input, String error) {
        return new ArticleOutcome(input, null, Objects.requireNonNull(error, "error"));
    }

    /**
     * Whether the article was classified.
     *
     * @return true when {@link #result()} is non-null
     */
    public boolean succeeded() {
        return result != null;
    }
}
