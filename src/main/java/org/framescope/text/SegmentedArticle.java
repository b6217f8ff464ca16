package org.framescope.text;

import java.util.List;

/**
 * An article split into paragraphs, with the lines that were dropped as page boilerplate.
 *
 * @param language ISO 639-1 guess ("en", "fr", ...) or "und" when unsure
 */
public record SegmentedArticle(List<Segment> paragraphs, List<String> droppedLines, String language) {

    /** Copies the lists of paragraphs and dropped lines. */
    public SegmentedArticle {
        paragraphs = List.copyOf(paragraphs);
        droppedLines = List.copyOf(droppedLines);
    }

    /** The texts the model reads, one per paragraph (section headings included as context). */
    public List<String> texts() {
        return paragraphs.stream().map(Segment::modelText).toList();
    }
}
