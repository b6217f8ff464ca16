package org.framescope.model;

/** Numeric helpers for calibration, shared by fitting (train) and applying (model). */
public final class Calibration {

    private static final double EPS = 1e-6;

    private Calibration() {}

    /** The logistic function, {@code 1 / (1 + exp(-z))}. */
    public static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** The log-odds of {@code p}, with {@code p} clamped to [1e-6, 1 - 1e-6] so the result is finite. */
    public static double logit(double p) {
        double q = Math.min(1 - EPS, Math.max(EPS, p));
        return Math.log(q / (1 - q));
    }

    /**
     * Rescales a probability distribution by a temperature: softmax of {@code log(p) / temperature}.
     *
     * @return a new array of probabilities that sum to 1
     */
    public static double[] softmaxWithTemperature(double[] probs, double temperature) {
        double[] z = new double[probs.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < probs.length; i++) {
            z[i] = Math.log(Math.max(EPS, probs[i])) / temperature;
            max = Math.max(max, z[i]);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < z.length; i++) {
            z[i] /= sum;
        }
        return z;
    }
}
