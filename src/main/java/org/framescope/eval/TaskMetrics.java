package org.framescope.eval;

import java.util.List;

/**
 * All metrics of one task at one level. Multi-label tasks fill {@code samples}, {@code subsetAccuracy}
 * and {@code hammingLoss}; single-label tasks fill {@code accuracy} and {@code confusion}
 * ({@code confusion[gold][predicted]}, in label order). The other fields are null or NaN.
 * Calibration: for multi-label tasks every (item, label) probability is one binary forecast; for
 * single-label tasks the forecast is the top class's probability and "correct" is the outcome.
 */
public record TaskMetrics(String task, String type, String level, int items, List<LabelMetrics> labels,
                          Averages micro, Averages macro, Averages weighted, Averages samples,
                          Double subsetAccuracy, Double hammingLoss, Double accuracy, int[][] confusion,
                          double ece, List<ReliabilityBin> reliability) {

    public TaskMetrics {
        labels = List.copyOf(labels);
        reliability = List.copyOf(reliability);
    }
}
