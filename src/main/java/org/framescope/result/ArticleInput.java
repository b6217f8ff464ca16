package org.framescope.result;

/**
 * An article to classify: an identifier of the caller's choosing (may be null) and raw text.
 * Immutable and thread-safe. The constructor checks nothing and never throws; a null or unusable
 * text is refused by {@link org.framescope.FrameScope#classifyArticles(java.util.List)} with an
 * {@link org.framescope.util.InputException} naming the id.
 *
 * @param id   an identifier returned in {@link ArticleResult#id()} and used in error messages; may be null
 * @param text the article's raw text (title, paragraphs, possibly scraped page chrome)
 */
public record ArticleInput(String id, String text) {}
