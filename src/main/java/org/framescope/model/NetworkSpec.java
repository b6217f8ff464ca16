package org.framescope.model;

/**
 * Hyper-parameters of the network; recorded in the bundle.
 *
 * @param hidden     width of the shared per-paragraph hidden layer; 0 = none (a linear model per head)
 * @param dropout    drop probability on the hidden layer (0 = off)
 * @param l2         L2 penalty on weights
 * @param learningRate step size of the optimizer
 * @param optimizer    "nesterovs" (SGD with Nesterov momentum 0.9) or "adam"
 */
public record NetworkSpec(int inputDim, int hidden, double dropout, double l2, double learningRate, String optimizer, long seed) {
}
