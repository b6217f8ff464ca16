package org.framescope.text;

/**
 * One paragraph of an article after segmentation.
 *
 * @param index   0-based position among the article's kept paragraphs (boilerplate lines and section
 *                headings are not counted)
 * @param text    the paragraph as printed
 * @param title   true for a leading headline-like paragraph
 * @param heading the section heading printed above this paragraph, or null; it is context for the
 *                paragraph (the model reads it with the paragraph), never scored on its own
 */
public record Segment(int index, String text, boolean title, String heading) {

    /** A segment with no section heading. */
    public Segment(int index, String text, boolean title) {
        this(index, text, title, null);
    }

    /** What the model reads: the heading, if any, on its own line above the paragraph. */
    public String modelText() {
        return Segmenter.withHeading(heading, text);
    }
}
