package org.framescope.server;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.framescope.result.ArticleInput;
import org.framescope.result.ArticleResult;

/**
 * What the workers call: {@code FrameScope::classifyArticles} in service. A seam so tests can hold a
 * request in flight (overload, timeout and shutdown tests) without a slow model.
 */
@FunctionalInterface
interface Classifier {
    /**
     * Classifies the articles (with explanations when {@code explain}), giving up with a
     * {@link java.util.concurrent.CancellationException} once {@code cancelled} turns true (every
     * request of the batch has timed out).
     */
    List<ArticleResult> classify(List<ArticleInput> articles, boolean explain, BooleanSupplier cancelled);
}
