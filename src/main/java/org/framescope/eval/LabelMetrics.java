package org.framescope.eval;

/**
 * One label's counts and scores. The 2x2 confusion is {@code [[tn, fp], [fn, tp]]} (rows: gold
 * negative/positive; columns: predicted negative/positive), as scikit-learn's
 * multilabel_confusion_matrix lays it out. Undefined ratios (0/0) are 0, as scikit-learn's default.
 */
public record LabelMetrics(String label, int tp, int fp, int fn, int tn, double precision, double recall, double f1,
                           int support, double prAuc) {
}
