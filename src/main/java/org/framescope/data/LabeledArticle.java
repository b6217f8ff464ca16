package org.framescope.data;

import java.util.List;

/**
 * A gold-labelled article: its paragraphs (already normalised), optional per-paragraph labels, and
 * article labels (given, or derived from the paragraphs).
 *
 * @param paragraphLabels one entry per paragraph, or null when only article labels are known
 * @param sourceRows      the input row of each paragraph (for error messages and per-row output)
 */
public record LabeledArticle(
        String id,
        String lang,
        String split,
        List<String> paragraphs,
        List<Labels> paragraphLabels,
        Labels articleLabels,
        List<Integer> sourceRows) {

    /**
     * Copies the lists and checks that paragraph labels, when given, match the paragraphs.
     *
     * @throws IllegalArgumentException if there is not one paragraph label entry per paragraph
     */
    public LabeledArticle {
        paragraphs = List.copyOf(paragraphs);
        paragraphLabels = paragraphLabels == null ? null : List.copyOf(paragraphLabels);
        sourceRows = List.copyOf(sourceRows);
        if (paragraphLabels != null && paragraphLabels.size() != paragraphs.size()) {
            throw new IllegalArgumentException("article " + id + ": paragraph labels do not match paragraphs");
        }
    }

    /** Whether per-paragraph labels are known, not only article labels. */
    public boolean hasParagraphLabels() {
        return paragraphLabels != null;
    }
}
