package org.framescope.model;

/**
 * Calibration and decision rule of one label of a multi-label task: the calibrated probability is
 * {@code sigmoid(a * logit(p) + b)} (Platt scaling) and the label is predicted when it reaches
 * {@code threshold} (tuned for F1 on dev data).
 */
public record LabelDecision(double a, double b, double threshold) {

    public static final LabelDecision IDENTITY = new LabelDecision(1.0, 0.0, 0.5);

    /** The Platt-calibrated probability, {@code sigmoid(a * logit(p) + b)}. */
    public double calibrate(double p) {
        return Calibration.sigmoid(a * Calibration.logit(p) + b);
    }
}
