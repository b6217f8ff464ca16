package org.framescope.model;

import java.util.Map;

/**
 * How a label added after training ({@code framescope extend}) was made: from a description and a
 * few example paragraphs, on the model's frozen features, without touching any other label. Recorded
 * in the manifest ({@link Manifest#fewShot()}) so a reader of the model card can tell a few-shot
 * label from a trained one and judge how much evidence it stands on.
 *
 * <p><b>Thread-safety:</b> an immutable value (the map is copied).
 *
 * @param description     the description of the label as given, embedded as one more positive example
 *                        (also the label's description in the scheme)
 * @param examplesFile    the examples CSV as named by the caller
 * @param examplesSha256  SHA-256 of the examples file's bytes
 * @param negativesFile   the extra negatives CSV as named by the caller, or null when none was given
 * @param negativesSha256 SHA-256 of that file, or null
 * @param positives       positive example paragraphs (the description not counted)
 * @param negatives       negative paragraphs used, from all sources together
 * @param negativeSources negatives by where they came from: {@code examples} (rows labelled 0/no),
 *                        {@code negatives_file}, {@code corpus} (paragraphs of the model's training
 *                        data, named and hash-checked through its provenance); and {@code before_sample},
 *                        the number before a seeded sample cut them to {@code FewShot.MAX_NEGATIVES}
 * @param seed            seed of the folds and of the corpus sample
 * @param l2              the L2 penalty chosen by cross-validation
 * @param cv              cross-validated quality on the examples
 * @param created         when the label was added, ISO-8601 instant
 */
public record FewShotLabel(
        String description,
        String examplesFile,
        String examplesSha256,
        String negativesFile,
        String negativesSha256,
        int positives,
        int negatives,
        Map<String, Integer> negativeSources,
        long seed,
        double l2,
        FewShotCv cv,
        String created) {

    /** Fewest positives a few-shot label may be built from, the description counting as one. */
    public static final int MIN_POSITIVES = 5;

    /** Fewest positive example paragraphs: {@link #MIN_POSITIVES} less the description. */
    public static final int MIN_EXAMPLES = MIN_POSITIVES - 1;

    /** Copies the map (null becomes empty). */
    public FewShotLabel {
        negativeSources = negativeSources == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(negativeSources));
    }

    /**
     * Cross-validated quality of a few-shot label on its own examples: every example is scored by a
     * classifier that did not see it, then the calibration and threshold recorded in the model are
     * fitted on those scores. Precision, recall and F1 are taken at that threshold, so they are
     * somewhat optimistic (the threshold saw the same scores).
     *
     * @param folds     number of folds (stratified by positive/negative)
     * @param precision precision at the threshold
     * @param recall    recall at the threshold
     * @param f1        F1 at the threshold
     * @param logLoss   mean log-loss of the calibrated out-of-fold probabilities
     */
    public record FewShotCv(int folds, double precision, double recall, double f1, double logLoss) {}
}
