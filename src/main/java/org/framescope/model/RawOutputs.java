package org.framescope.model;

import java.util.List;
import java.util.Map;

/**
 * Everything the network outputs for a batch of articles, before one article score per task is
 * chosen: paragraph probabilities, the max-pooled article heads and the whole-article heads (each
 * null when the network has none).
 *
 * @param paragraph [article][paragraph][task][label]
 * @param max       [article][task][label], or null
 * @param doc       [article][task][label], or null
 */
public record RawOutputs(double[][][][] paragraph, double[][][] max, double[][][] doc) {

    /** Article score sources: the max-pooled head, the whole-article head, or the mean of their probabilities. */
    public static final List<String> SOURCES = List.of(NetworkSpec.MAX, NetworkSpec.DOC, "blend");

    /** The sources this network can serve: both heads and their blend, or the one head it has. */
    public List<String> available() {
        if (max != null && doc != null) {
            return SOURCES;
        }
        return List.of(max != null ? NetworkSpec.MAX : NetworkSpec.DOC);
    }

    /** Raw scores with each task's article score from its source (a missing entry: the first available). */
    public RawScores combine(LabelScheme scheme, Map<String, String> sources) {
        int n = paragraph.length;
        int tasks = scheme.tasks().size();
        double[][][] art = new double[n][tasks][];
        for (int k = 0; k < tasks; k++) {
            String src = sources == null ? null : sources.get(scheme.tasks().get(k).name());
            if (src == null) {
                src = available().get(0);
            }
            if (!available().contains(src)) {
                throw new IllegalArgumentException("article source '" + src + "' is not available from this network " + available());
            }
            for (int i = 0; i < n; i++) {
                art[i][k] = switch (src) {
                    case NetworkSpec.MAX -> max[i][k];
                    case NetworkSpec.DOC -> doc[i][k];
                    default -> blend(max[i][k], doc[i][k]);
                };
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
}
