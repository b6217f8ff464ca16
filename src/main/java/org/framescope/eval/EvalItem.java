package org.framescope.eval;

/**
 * One evaluated unit: a paragraph or a whole article.
 *
 * @param id        the article's id; for a paragraph {@code <article id>#<position>}
 * @param paragraph the paragraph's position in its article (0 = first), or -1 for an article
 * @param row       the CSV row it came from (header = row 1; an article's first row)
 * @param text      the paragraph, or the article's paragraphs separated by blank lines
 */
public record EvalItem(String id, String articleId, int paragraph, long row, String lang, String text) {}
