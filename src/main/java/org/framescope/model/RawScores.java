package org.framescope.model;

/**
 * Uncalibrated network probabilities for a batch of articles.
 *
 * @param paragraph [article][paragraph][task][label]
 * @param article   [article][task][label]
 */
public record RawScores(double[][][][] paragraph, double[][][] article) {}
