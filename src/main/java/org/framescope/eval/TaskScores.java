package org.framescope.eval;

import java.util.ArrayList;
import java.util.List;
import org.framescope.model.Level;
import org.framescope.model.Task;

/**
 * Gold labels, calibrated scores and decisions of one task for every item of one level; arrays are
 * {@code [item][label]} and single-label tasks are one-hot. The arrays are shared, not copied: treat
 * them as read-only.
 *
 * @param thresholds the model's per-label thresholds (multi-label tasks), or null
 */
public record TaskScores(Task task, double[] thresholds, boolean[][] gold, double[][] scores, boolean[][] pred) {

    /** The number of items. */
    public int size() {
        return gold.length;
    }

    /** Whether the item's predicted labels are exactly its gold labels. */
    public boolean correct(int i) {
        return java.util.Arrays.equals(gold[i], pred[i]);
    }

    /** The item's gold labels, in scheme order. */
    public List<String> goldLabels(int i) {
        return names(gold[i]);
    }

    /** The item's predicted labels, in scheme order. */
    public List<String> predictedLabels(int i) {
        return names(pred[i]);
    }

    /** Index of the gold / predicted class of a single-label task. */
    public int goldClass(int i) {
        return first(gold[i]);
    }

    /**
     * Index of the predicted class of a single-label task.
     *
     * @throws IllegalStateException if the item has no predicted class
     */
    public int predictedClass(int i) {
        return first(pred[i]);
    }

    /** The rows at {@code idx}, in that order. */
    public TaskScores subset(int[] idx) {
        boolean[][] g = new boolean[idx.length][];
        double[][] s = new double[idx.length][];
        boolean[][] p = new boolean[idx.length][];
        for (int k = 0; k < idx.length; k++) {
            g[k] = gold[idx[k]];
            s[k] = scores[idx[k]];
            p[k] = pred[idx[k]];
        }
        return new TaskScores(task, thresholds, g, s, p);
    }

    /** The task's metrics over these items. */
    public TaskMetrics metrics(Level level) {
        if (task.multiLabel()) {
            return ClassificationMetrics.multiLabel(task.name(), level, task.labels(), gold, scores, pred, thresholds);
        }
        int n = gold.length;
        int[] g = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = goldClass(i);
            p[i] = predictedClass(i);
        }
        return ClassificationMetrics.singleLabel(task.name(), level, task.labels(), g, scores, p);
    }

    private List<String> names(boolean[] row) {
        List<String> out = new ArrayList<>();
        for (int l = 0; l < row.length; l++) {
            if (row[l]) {
                out.add(task.labels().get(l));
            }
        }
        return out;
    }

    private static int first(boolean[] row) {
        for (int l = 0; l < row.length; l++) {
            if (row[l]) {
                return l;
            }
        }
        throw new IllegalStateException("single-label row without a class");
    }
}
