package org.framescope.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.framescope.encode.FeatureBlocks;
import org.framescope.encode.LexicalConfig;

/**
 * Every training option, for {@link org.framescope.FrameScope#train(java.nio.file.Path,
 * org.framescope.model.LabelScheme, TrainConfig)} and {@link Trainer}. All of it is recorded in the
 * model's provenance ({@link #asMap()}). Start from {@link #defaults()} (the recipe of the shipped
 * model) and change what you need with the {@code with...} methods, each of which returns a
 * modified copy.
 *
 * <p><b>Thread-safety:</b> an immutable value (the list is copied), safe to share between threads.
 *
 * <p><b>Exceptions:</b> the canonical constructor, and every {@code with...} method through it,
 * throws {@link IllegalArgumentException} for a value out of range (named below) and
 * {@link NullPointerException} for a null or null-holding {@code hiddenCandidates}. An
 * unknown {@code optimizer} is refused by the trainer ({@link IllegalArgumentException}).
 *
 * @param name             the model's name, recorded in its manifest and in evaluations
 * @param blocks           the feature blocks: sentence embeddings, lexical TF-IDF, or both
 *                         ({@link FeatureBlocks#LEXICAL} needs no sentence encoder)
 * @param lexical          settings of the hashed TF-IDF block (used when {@code blocks} includes it)
 * @param hiddenCandidates hidden-layer widths to try (0 = linear heads); the best on dev is kept,
 *                         so a hidden layer must earn its place against the linear model; not
 *                         empty, each 0 or more
 * @param dropout          drop probability on the hidden layer, in [0, 1)
 * @param l2               L2 penalty on the weights
 * @param learningRate     step size of the optimizer
 * @param optimizer        "nesterovs" (default) or "adam"
 * @param maxEpochs        most passes over the training data, 1 or more
 * @param patience         epochs without dev improvement before stopping, 1 or more
 * @param batchArticles    articles per minibatch, 1 or more
 * @param seed             the random seed: the same data and config give the same model
 * @param devFraction      share of training articles held out for dev when the data has no dev
 *                         split, in (0, 1)
 * @param classWeighting   weight rare positive labels / rare classes up in the loss
 * @param articlePath      "gated" (the default: "both" with every multi-label task's article score
 *                         multiplied by its any-label gate), "both" (max-pooled and whole-article heads,
 *                         chosen per task on dev), "max" (the v1 network) or "doc" (whole-article heads only)
 */
public record TrainConfig(
        String name,
        FeatureBlocks blocks,
        LexicalConfig lexical,
        List<Integer> hiddenCandidates,
        double dropout,
        double l2,
        double learningRate,
        String optimizer,
        int maxEpochs,
        int patience,
        int batchArticles,
        long seed,
        double devFraction,
        boolean classWeighting,
        String articlePath) {

    /**
     * Checks the values and copies the list.
     *
     * @throws IllegalArgumentException if {@code hiddenCandidates} is empty or has a negative width,
     *                                  {@code maxEpochs}, {@code patience} or {@code batchArticles}
     *                                  is below 1, {@code articlePath} is not gated, both, max or doc,
     *                                  {@code dropout} is outside [0, 1) or {@code devFraction}
     *                                  outside (0, 1)
     * @throws NullPointerException if {@code hiddenCandidates} is or contains null
     */
    public TrainConfig {
        hiddenCandidates = List.copyOf(hiddenCandidates);
        if (hiddenCandidates.isEmpty() || hiddenCandidates.stream().anyMatch(h -> h < 0)) {
            throw new IllegalArgumentException("hidden sizes must be >= 0 (0 = linear)");
        }
        if (maxEpochs < 1 || patience < 1 || batchArticles < 1) {
            throw new IllegalArgumentException("epochs, patience and batch size must be positive");
        }
        new org.framescope.model.NetworkSpec(1, 0, 0, 0, 0, "nesterovs", 0, articlePath); // validates the article path
        if (dropout < 0 || dropout >= 1 || devFraction <= 0 || devFraction >= 1) {
            throw new IllegalArgumentException("dropout must be in [0,1) and dev fraction in (0,1)");
        }
    }

    /**
     * The shipped model's recipe: both feature blocks, default lexical settings, linear heads
     * (hidden 0), dropout 0.3, L2 0.001, learning rate 0.002 with Nesterov momentum, at most 60
     * epochs with patience 8, 8 articles per batch, seed 42, 15% dev when the data has no dev
     * split, class weighting on, the gated article path; named {@code framescope-model}. Never
     * throws.
     *
     * @return the default configuration
     */
    public static TrainConfig defaults() {
        return new TrainConfig(
                "framescope-model",
                FeatureBlocks.BOTH,
                LexicalConfig.defaults(),
                List.of(0),
                0.3,
                1e-3,
                0.002,
                "nesterovs",
                60,
                8,
                8,
                42L,
                0.15,
                true,
                org.framescope.model.NetworkSpec.GATED);
    }

    /**
     * The linear article baseline every recipe is measured against: no hidden layer, article heads
     * on the whole-article features only (a logistic regression on mean embedding + article TF-IDF),
     * trained by this same trainer with every other option unchanged; its name gets the suffix
     * {@code -linear-baseline}. Never throws.
     *
     * @return the baseline's configuration
     */
    public TrainConfig linearBaseline() {
        return withHidden(List.of(0))
                .withArticlePath(org.framescope.model.NetworkSpec.DOC)
                .withName(name + "-linear-baseline");
    }

    /**
     * The v1 recipe: max-pooled article heads only, every other option unchanged; its name gets the
     * suffix {@code -v1-recipe}. Never throws.
     *
     * @return the v1 recipe's configuration
     */
    public TrainConfig v1Recipe() {
        return withArticlePath(org.framescope.model.NetworkSpec.MAX).withName(name + "-v1-recipe");
    }

    /**
     * A copy with another article path.
     *
     * @param p "gated", "both", "max" or "doc"
     * @return the modified copy
     * @throws IllegalArgumentException if {@code p} is none of those
     */
    public TrainConfig withArticlePath(String p) {
        return with(x -> x.articlePath = p);
    }

    /**
     * A copy with another L2 penalty. Never throws.
     *
     * @param v the L2 penalty on the weights
     * @return the modified copy
     */
    public TrainConfig withL2(double v) {
        return with(x -> x.l2 = v);
    }

    /**
     * A copy with other feature blocks. Never throws.
     *
     * @param b the feature blocks ({@link FeatureBlocks#LEXICAL} needs no sentence encoder)
     * @return the modified copy
     */
    public TrainConfig withBlocks(FeatureBlocks b) {
        return with(x -> x.blocks = b);
    }

    /**
     * A copy with other hidden-layer widths to choose from on dev.
     *
     * @param h widths to try, 0 for linear heads
     * @return the modified copy
     * @throws IllegalArgumentException if {@code h} is empty or has a negative width
     * @throws NullPointerException if {@code h} is or contains null
     */
    public TrainConfig withHidden(List<Integer> h) {
        return with(x -> x.hiddenCandidates = h);
    }

    /**
     * A copy with another epoch limit and early-stopping patience.
     *
     * @param epochs most passes over the training data
     * @param pat    epochs without dev improvement before stopping
     * @return the modified copy
     * @throws IllegalArgumentException if either is below 1
     */
    public TrainConfig withEpochs(int epochs, int pat) {
        return with(x -> {
            x.maxEpochs = epochs;
            x.patience = pat;
        });
    }

    /**
     * A copy with another learning rate. Never throws.
     *
     * @param lr the optimizer's step size
     * @return the modified copy
     */
    public TrainConfig withLearningRate(double lr) {
        return with(x -> x.learningRate = lr);
    }

    /**
     * A copy with another random seed. Never throws.
     *
     * @param s the seed
     * @return the modified copy
     */
    public TrainConfig withSeed(long s) {
        return with(x -> x.seed = s);
    }

    /**
     * A copy with another model name. Never throws.
     *
     * @param n the model's name
     * @return the modified copy
     */
    public TrainConfig withName(String n) {
        return with(x -> x.name = n);
    }

    /**
     * The options by their names in the model's provenance (snake_case; every option except the
     * name). A new mutable map on each call. Never throws.
     *
     * @return the options, in a fixed order
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("features", blocks.wireName());
        m.put("lexical", lexical);
        m.put("hidden_candidates", hiddenCandidates);
        m.put("dropout", dropout);
        m.put("l2", l2);
        m.put("learning_rate", learningRate);
        m.put("optimizer", optimizer);
        m.put("max_epochs", maxEpochs);
        m.put("patience", patience);
        m.put("batch_articles", batchArticles);
        m.put("seed", seed);
        m.put("dev_fraction", devFraction);
        m.put("class_weighting", classWeighting);
        m.put("article_path", articlePath);
        return m;
    }

    /** Every copy-with-changes goes through here, so a new component is added in one constructor call. */
    private TrainConfig with(java.util.function.Consumer<Edit> change) {
        Edit e = new Edit(this);
        change.accept(e);
        return e.build();
    }

    /** The components of a copy being edited; {@link #build()} checks them as the constructor does. */
    private static final class Edit {
        private String name;
        private FeatureBlocks blocks;
        private LexicalConfig lexical;
        private List<Integer> hiddenCandidates;
        private double dropout;
        private double l2;
        private double learningRate;
        private String optimizer;
        private int maxEpochs;
        private int patience;
        private int batchArticles;
        private long seed;
        private double devFraction;
        private boolean classWeighting;
        private String articlePath;

        Edit(TrainConfig c) {
            name = c.name;
            blocks = c.blocks;
            lexical = c.lexical;
            hiddenCandidates = c.hiddenCandidates;
            dropout = c.dropout;
            l2 = c.l2;
            learningRate = c.learningRate;
            optimizer = c.optimizer;
            maxEpochs = c.maxEpochs;
            patience = c.patience;
            batchArticles = c.batchArticles;
            seed = c.seed;
            devFraction = c.devFraction;
            classWeighting = c.classWeighting;
            articlePath = c.articlePath;
        }

        TrainConfig build() {
            return new TrainConfig(
                    name,
                    blocks,
                    lexical,
                    hiddenCandidates,
                    dropout,
                    l2,
                    learningRate,
                    optimizer,
                    maxEpochs,
                    patience,
                    batchArticles,
                    seed,
                    devFraction,
                    classWeighting,
                    articlePath);
        }
    }
}
