package org.framescope.model;

/**
 * Hyper-parameters of the network; recorded in the bundle.
 *
 * @param hidden       width of the shared per-paragraph hidden layer; 0 = none (a linear model per head)
 * @param dropout      drop probability on the hidden layer (0 = off)
 * @param l2           L2 penalty on weights
 * @param learningRate step size of the optimizer
 * @param optimizer    "nesterovs" (SGD with Nesterov momentum 0.9) or "adam"
 * @param articlePath  how article heads see the article: "max" (max over paragraph logits only, the v1
 *                     network), "doc" (a linear head on the whole-article features only: the linear
 *                     article baseline), "both" (both heads; which one, or their blend, serves each
 *                     task is chosen on dev) or "gated" (both, plus one gate per multi-label task: a
 *                     linear head on the whole-article features giving the probability that the article
 *                     carries any label of the task; each article score of such a task is multiplied by it,
 *                     so a label needs its own evidence and an article of the domain). Null in bundles
 *                     written before it existed: "max".
 */
public record NetworkSpec(
        int inputDim,
        int hidden,
        double dropout,
        double l2,
        double learningRate,
        String optimizer,
        long seed,
        String articlePath) {

    public static final String MAX = "max";
    public static final String DOC = "doc";
    public static final String BOTH = "both";
    public static final String GATED = "gated";

    /**
     * Defaults a null article path to max pooling and checks it.
     *
     * @throws IllegalArgumentException if the article path is not max, doc, both or gated
     */
    public NetworkSpec {
        if (articlePath == null) {
            articlePath = MAX;
        }
        if (!articlePath.equals(MAX)
                && !articlePath.equals(DOC)
                && !articlePath.equals(BOTH)
                && !articlePath.equals(GATED)) {
            throw new IllegalArgumentException(
                    "article path must be max, doc, both or gated, not '" + articlePath + "'");
        }
    }

    /** A spec with max-pooled article heads. */
    public NetworkSpec(
            int inputDim, int hidden, double dropout, double l2, double learningRate, String optimizer, long seed) {
        this(inputDim, hidden, dropout, l2, learningRate, optimizer, seed, MAX);
    }

    /** True when the network has max-pooled article heads. */
    public boolean hasMaxHeads() {
        return !articlePath.equals(DOC);
    }

    /** True when the network has the whole-article input and its heads. */
    public boolean hasDocHeads() {
        return !articlePath.equals(MAX);
    }

    /** True when the network has an "any label" gate per multi-label task (on the whole-article input). */
    public boolean hasGates() {
        return articlePath.equals(GATED);
    }
}
