package org.framescope.eval;

/**
 * One label's counts and scores. The 2x2 confusion is {@code [[tn, fp], [fn, tp]]} (rows: gold
 * negative/positive; columns: predicted negative/positive), as scikit-learn's
 * multilabel_confusion_matrix lays it out. Undefined ratios (0/0) are 0, as scikit-learn's default.
 * For a single-label task the counts are one-vs-rest. Immutable and thread-safe.
 *
 * @param label     the label
 * @param tp        true positives: items with the label, predicted with it
 * @param fp        false positives: items without the label, predicted with it
 * @param fn        false negatives: items with the label, predicted without it
 * @param tn        true negatives: items without the label, predicted without it
 * @param precision tp / (tp + fp), 0 when undefined
 * @param recall    tp / (tp + fn), 0 when undefined
 * @param f1        harmonic mean of precision and recall, 0 when undefined
 * @param support   items with the label in the gold data (tp + fn)
 * @param prAuc     area under the precision-recall curve of the label's calibrated score
 *                  (average precision)
 */
public record LabelMetrics(
        String label,
        int tp,
        int fp,
        int fn,
        int tn,
        double precision,
        double recall,
        double f1,
        int support,
        double prAuc) {}
