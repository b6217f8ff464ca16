package org.framescope.result;

import java.util.List;
import org.framescope.model.Level;

/**
 * Why the model gave one label: the sentences that carry it and the terms that push it up or down,
 * all measured by occlusion (what the label's calibrated score loses when the piece is taken out).
 * Computed only when asked ({@link org.framescope.FrameScope#explainArticles(List)}); deterministic. Immutable.
 *
 * @param level     article or paragraph (written lower-case in JSON)
 * @param task      the task
 * @param label     the label given
 * @param score     the label's calibrated score
 * @param paragraph the paragraph explained (for an article label, its strongest evidence paragraph)
 * @param sentences sentences by weight, strongest first: the score's drop without each (for an
 *                  article label, sentences of its evidence paragraphs, the drop in the article's score)
 * @param terms     terms by absolute weight, from both feature blocks: a positive weight pushes the
 *                  label up (the score drops without the term), a negative one pushes it down
 */
public record Explanation(
        Level level,
        String task,
        String label,
        double score,
        int paragraph,
        List<SentenceWeight> sentences,
        List<TermWeight> terms) {

    /** Copies the lists. */
    public Explanation {
        sentences = List.copyOf(sentences);
        terms = List.copyOf(terms);
    }

    /**
     * One sentence and what the label's score loses without it.
     *
     * @param paragraph the paragraph's index in the article
     * @param start     the sentence's first character in the paragraph's text
     * @param end       one past its last character
     * @param text      the sentence
     * @param weight    the drop in the label's calibrated score without it (negative: the label
     *                  is stronger without it)
     */
    public record SentenceWeight(int paragraph, int start, int end, String text, double weight) {}

    /**
     * One term and its push on the label's score.
     *
     * @param term   the word, lower case (accents folded as the lexical block reads it)
     * @param block  {@code lexical} (the TF-IDF block without the word, everywhere it occurs) or
     *               {@code embedding} (the sentence encoder without the word in the top sentence)
     * @param weight the drop in the label's calibrated score without it
     */
    public record TermWeight(String term, String block, double weight) {}
}
