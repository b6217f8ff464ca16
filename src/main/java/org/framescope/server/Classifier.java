package org.framescope.server;

import org.framescope.ArticleInput;
import org.framescope.ArticleResult;

import java.util.List;

/**
 * What the workers call: {@code FrameScope::classifyArticles} in service. A seam so tests can hold a
 * request in flight (overload, timeout and shutdown tests) without a slow model.
 */
@FunctionalInterface
interface Classifier {
    List<ArticleResult> classify(List<ArticleInput> articles);
}
