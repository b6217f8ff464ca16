package org.framescope.model;

/**
 * Hyper-parameters of the network; recorded in the bundle.
 *
 * @param hidden     width of the shared per-paragraph hidden layer; 0 = none (a linear model per head)
 * @param dropout    drop probability on the hidden layer (0 = off)
 * @param l2         L2 penalty on weights
 * @param learningRate Adam step size
 */
public record NetworkSpec(int inputDim, int hidden, double dropout, double l2, double learningRate, long seed) {
}
