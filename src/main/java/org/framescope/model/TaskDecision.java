package org.framescope.model;

import java.util.List;

/**
 * Calibration and decision of one task at one level (paragraph or article). Multi-label tasks have
 * one {@link LabelDecision} per label; single-label tasks use temperature scaling and the argmax.
 */
public record TaskDecision(List<LabelDecision> labels, double temperature) {

    /** Copies the per-label decisions (null becomes an empty list). */
    public TaskDecision {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /**
     * An uncalibrated decision for the task: identity per-label rules for a multi-label task, temperature
     * 1.
     */
    public static TaskDecision identity(Task task) {
        return task.multiLabel()
                ? new TaskDecision(java.util.Collections.nCopies(task.size(), LabelDecision.IDENTITY), 1.0)
                : new TaskDecision(List.of(), 1.0);
    }

    /** Calibrated scores for the network's raw probabilities of this task. */
    public double[] calibrate(Task task, double[] raw) {
        double[] out = new double[raw.length];
        if (task.multiLabel()) {
            for (int i = 0; i < raw.length; i++) {
                out[i] = labels.get(i).calibrate(raw[i]);
            }
            return out;
        }
        return Calibration.softmaxWithTemperature(raw, temperature);
    }

    /** Indices of the predicted labels for calibrated scores. */
    public int[] decide(Task task, double[] calibrated) {
        if (!task.multiLabel()) {
            int best = 0;
            for (int i = 1; i < calibrated.length; i++) {
                if (calibrated[i] > calibrated[best]) {
                    best = i;
                }
            }
            return new int[] {best};
        }
        return java.util.stream.IntStream.range(0, calibrated.length)
                .filter(i -> calibrated[i] >= labels.get(i).threshold())
                .toArray();
    }
}
