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

    /**
     * The sources a single label of the task may be given ({@link #labelKey(String, String)} in the
     * article sources): the task's own, and the ungated ones when the task is gated (a few-shot label
     * is not scored through a gate trained on the task's other labels).
     */
    public static List<String> labelSources(NetworkSpec spec, Task task) {
        List<String> out = new java.util.ArrayList<>(sources(spec.hasMaxHeads(), spec.hasDocHeads(), false));
        if (spec.hasGates() && task.multiLabel()) {
            out.addAll(sources(spec, task));
        }
        return List.copyOf(out);
    }

    /** The article-source key that gives one label its own source: {@code task:label} (labels never hold ':'). */
    public static String labelKey(String task, String label) {
        return task + ":" + label;
    }

    /** The sources this output can serve for task {@code k}: both heads and their blend (or the one head it has), gated when the task has a gate. */
    public List<String> available(int k) {
        return sources(max != null, doc != null, gate != null && gate[k] != null);
    }

    private static List<String> sources(boolean hasMax, boolean hasDoc, boolean gated) {
        List<String> base = hasMax && hasDoc ? SOURCES : List.of(hasMax ? NetworkSpec.MAX : NetworkSpec.DOC);
        return gated ? base.stream().map(s -> s + GATED).toList() : base;
    }

    /**
     * Raw scores with each task's article score from its source (a missing entry: the first available);
     * a label with an entry of its own ({@link #labelKey(String, String)}) takes its score from that source.
     */
    public RawScores combine(LabelScheme scheme, Map<String, String> sources) {
        int n = paragraph.length;
        int tasks = scheme.tasks().size();
        double[][][] art = new double[n][tasks][];
        for (int k = 0; k < tasks; k++) {
            String src =
                    sources == null ? null : sources.get(scheme.tasks().get(k).name());
            List<String> ok = available(k);
            if (src == null) {
                src = ok.get(0);
            }
            if (!ok.contains(src)) {
                throw new IllegalArgumentException(
                        "article source '" + src + "' is not available from this network for task '"
                                + scheme.tasks().get(k).name() + "' " + ok);
            }
            for (int i = 0; i < n; i++) {
                art[i][k] = scores(src, i, k);
            }
            Task task = scheme.tasks().get(k);
            for (int l = 0; sources != null && l < task.size(); l++) {
                String own = sources.get(labelKey(task.name(), task.labels().get(l)));
                if (own == null) {
                    continue;
                }
                List<String> labelOk = new java.util.ArrayList<>(sources(max != null, doc != null, false));
                if (gate != null && gate[k] != null) {
                    labelOk.addAll(ok);
                }
                if (!labelOk.contains(own)) {
                    throw new IllegalArgumentException(
                            "article source '" + own + "' is not available from this network for label '"
                                    + labelKey(task.name(), task.labels().get(l)) + "' " + labelOk);
                }
                for (int i = 0; i < n; i++) {
                    // A copy: an ungated source's row is the network output's own array.
                    double[] row = art[i][k].clone();
                    row[l] = scores(own, i, k)[l];
                    art[i][k] = row;
                }
            }
        }
        return new RawScores(paragraph, art);
    }

    /** Article {@code i}'s scores of task {@code k} from one source (a new array when computed). */
    private double[] scores(String src, int i, int k) {
        boolean gated = src.endsWith(GATED);
        String base = gated ? src.substring(0, src.length() - GATED.length()) : src;
        double[] v = switch (base) {
            case NetworkSpec.MAX -> max[i][k];
            case NetworkSpec.DOC -> doc[i][k];
            default -> blend(max[i][k], doc[i][k]);
        };
        return gated ? scaled(v, gate[k][i]) : v;
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
