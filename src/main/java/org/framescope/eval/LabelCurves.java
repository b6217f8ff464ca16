package org.framescope.eval;

import java.util.List;

/**
 * Curves of one label, for charts and threshold analysis.
 *
 * @param threshold     the model's decision threshold for this label (multi-label tasks); null for
 *                      single-label tasks, which predict the most probable class
 * @param pr            the precision-recall curve, one point per distinct score, highest threshold
 *                      first (the conventional start point recall 0, precision 1 is implied); empty
 *                      when the label has no gold positives
 * @param sweep         precision, recall and F1 at thresholds 0.05, 0.06, ..., 0.95 (one-vs-rest on
 *                      the class probability for single-label tasks)
 * @param bestThreshold the sweep threshold with the highest F1 on this data, ties to the one closest to 0.5 (in-sample: a
 *                      hint, not a tuned threshold)
 */
public record LabelCurves(
        String label,
        Double threshold,
        List<PrPoint> pr,
        List<ThresholdPoint> sweep,
        double bestThreshold,
        double bestF1) {

    /** Copies the curve lists. */
    public LabelCurves {
        pr = List.copyOf(pr);
        sweep = List.copyOf(sweep);
    }
}
