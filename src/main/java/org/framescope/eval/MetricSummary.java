package org.framescope.eval;

import java.util.List;

/**
 * One metric over the folds of a cross-validation.
 *
 * @param std the sample standard deviation over folds (n - 1 in the denominator; 0 for one fold)
 */
public record MetricSummary(
        String level,
        String task,
        String metric,
        double mean,
        double std,
        double min,
        double max,
        List<Double> values) {

    /** Copies the per-fold values. */
    public MetricSummary {
        values = List.copyOf(values);
    }

    /**
     * Summarises a metric's per-fold values: mean, sample standard deviation, min and max (NaN when there
     * are no values).
     */
    public static MetricSummary of(String level, String task, String metric, List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double std = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0.0;
        return new MetricSummary(
                level,
                task,
                metric,
                mean,
                std,
                values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                values);
    }
}
