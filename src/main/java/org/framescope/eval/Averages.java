package org.framescope.eval;

/**
 * Precision, recall and F1 averaged one way (micro, macro, weighted or samples), as scikit-learn's
 * {@code average=} parameter defines them. Immutable and thread-safe.
 *
 * @param precision the averaged precision, in [0, 1]
 * @param recall    the averaged recall, in [0, 1]
 * @param f1        the averaged F1, in [0, 1] (for macro and weighted: the mean of per-label F1,
 *                  not the F1 of the mean precision and recall)
 */
public record Averages(double precision, double recall, double f1) {}
