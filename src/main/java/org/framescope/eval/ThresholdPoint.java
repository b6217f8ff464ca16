package org.framescope.eval;

/** One step of a threshold sweep: the label's counts and scores when predicted at {@code score >= threshold}. */
public record ThresholdPoint(double threshold, int tp, int fp, int fn, double precision, double recall, double f1) {}
