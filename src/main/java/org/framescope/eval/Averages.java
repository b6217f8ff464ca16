package org.framescope.eval;

/** Precision, recall and F1 averaged one way (micro, macro, weighted or samples). */
public record Averages(double precision, double recall, double f1) {
}
