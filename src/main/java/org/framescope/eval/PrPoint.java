package org.framescope.eval;

/**
 * One point of a precision-recall curve: predicting the label when the score is at least
 * {@code threshold} gives this precision and recall (scikit-learn's precision_recall_curve).
 */
public record PrPoint(double threshold, double precision, double recall) {}
