package org.framescope.model;

import java.util.List;
import java.util.Map;

/**
 * Everything the network outputs for a batch of articles, before one article score per task is
 * chosen: paragraph probabilities, the max-pooled article heads, the whole-article heads and the
 * per-task gates (each null when the network has none).
 *
 * @param paragraph [article][paragraph][task][label]
 * @param max       [article][task][label], or null
 * @param doc       [article][task][label], or null
 * @param gate      [task][article]: probability that the article carries any label of the task (a null
 *                  row for a task without a gate), or null when the network has no gates
 */
public record RawOutputs(double[][][][] paragraph, double[][][] max, double[][][] doc, double[][] gate) {

    /** Outputs of a network without gates. */
    public RawOutputs(double[][][][] paragraph, double[][][] max, double[][][] doc) {
        this(paragraph, max, doc, null);
    }

    /** Article score sources: the max-pooled head, the whole-article head, or the mean of their probabilities. */
    public static final List<String> SOURCES = List.of(NetworkSpec.MAX, NetworkSpec.DOC, "blend");

    /** Suffix of a gated source: the source's scores times the task's gate ("blend*gate"). */
    public static final String GATED = "*gate";

    /**
     * The sources a network of this spec serves for a task. A task with a gate is always gated: the
     * choice among six sources on a dev split of a few dozen articles picked the ungated ones by luck
     * and lost the gate's false-alarm cut on two folds of three (corpus v2.1 cross-validation).
     */
    public static List<String> sources(NetworkSpec spec, Task task) {
        return sources(spec.hasMaxHeads(), spec.hasDocHeads(), spec.hasGates() && task.multiLabel());
    }

    /** The sources this output can serve for task {@code k}: both heads and their blend (or the one head it has), gated when the task has a gate. */
    public List<String> available(int k) {
        return sources(max != null, doc != null, gate != null && gate[k] != null);
    }

    private static List<String> sources(boolean hasMax, boolean hasDoc, boolean gated) {
        List<String> base = hasMax && hasDoc ? SOURCES : List.of(hasMax ? NetworkSpec.MAX : NetworkSpec.DOC);
        return gated ? base.stream().map(s -> s + GATED).toList() : base;
    }

    /** Raw scores with each task's article score from its source (a missing entry: the first available). */
    public RawScores combine(LabelScheme scheme, Map<String, String> sources) {
        int n = paragraph.length;
        int tasks = scheme.tasks().size();
        double[][][] art = new double[n][tasks][];
        for (int k = 0; k < tasks; k++) {
            String src = sources == null ? null : sources.get(scheme.tasks().get(k).name());
            List<String> ok = available(k);
            if (src == null) {
                src = ok.get(0);
            }
            if (!ok.contains(src)) {
                throw new IllegalArgumentException("article source '" + src + "' is not available from this network for task '"
                        + scheme.tasks().get(k).name() + "' " + ok);
            }
            boolean gated = src.endsWith(GATED);
            String base = gated ? src.substring(0, src.length() - GATED.length()) : src;
            for (int i = 0; i < n; i++) {
                double[] v = switch (base) {
                    case NetworkSpec.MAX -> max[i][k];
                    case NetworkSpec.DOC -> doc[i][k];
                    default -> blend(max[i][k], doc[i][k]);
                };
                art[i][k] = gated ? scaled(v, gate[k][i]) : v;
            }
        }
        return new RawScores(paragraph, art);
    }

    private static double[] blend(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int l = 0; l < a.length; l++) {
            out[l] = (a[l] + b[l]) / 2;
        }
        return out;
    }

    private static double[] scaled(double[] a, double g) {
        double[] out = new double[a.length];
        for (int l = 0; l < a.length; l++) {
            out[l] = a[l] * g;
        }
        return out;
    }
}
