package org.framescope.text;

/**
 * One paragraph of an article after segmentation.
 *
 * @param index 0-based position among the article's kept paragraphs (boilerplate lines are not counted)
 * @param title true for a leading headline-like paragraph
 */
public record Segment(int index, String text, boolean title) {
}
