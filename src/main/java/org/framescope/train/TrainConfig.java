package org.framescope.train;

import org.framescope.encode.FeatureBlocks;
import org.framescope.encode.LexicalConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every training option. All of it is recorded in the model's provenance.
 *
 * @param hiddenCandidates hidden-layer widths to try (0 = linear heads); the best on dev is kept,
 *                         so a hidden layer must earn its place against the linear model
 * @param optimizer        "nesterovs" (default) or "adam"
 * @param batchArticles    articles per minibatch
 * @param patience         epochs without dev improvement before stopping
 * @param devFraction      share of training articles held out for dev when the data has no dev split
 * @param classWeighting   weight rare positive labels / rare classes up in the loss
 * @param articlePath      "gated" (the default: "both" with every multi-label task's article score
 *                         multiplied by its any-label gate), "both" (max-pooled and whole-article heads,
 *                         chosen per task on dev), "max" (the v1 network) or "doc" (whole-article heads only)
 */
public record TrainConfig(String name, FeatureBlocks blocks, LexicalConfig lexical, List<Integer> hiddenCandidates,
                          double dropout, double l2, double learningRate, String optimizer, int maxEpochs, int patience,
                          int batchArticles, long seed, double devFraction, boolean classWeighting, String articlePath) {

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

    public static TrainConfig defaults() {
        return new TrainConfig("framescope-model", FeatureBlocks.BOTH, LexicalConfig.defaults(), List.of(0),
                0.3, 1e-3, 0.002, "nesterovs", 60, 8, 8, 42L, 0.15, true, org.framescope.model.NetworkSpec.GATED);
    }

    /**
     * The linear article baseline every recipe is measured against: no hidden layer, article heads
     * on the whole-article features only (a logistic regression on mean embedding + article TF-IDF),
     * trained by this same trainer with every other option unchanged.
     */
    public TrainConfig linearBaseline() {
        return withHidden(List.of(0)).withArticlePath(org.framescope.model.NetworkSpec.DOC).withName(name + "-linear-baseline");
    }

    /** The v1 recipe: max-pooled article heads only. */
    public TrainConfig v1Recipe() {
        return withArticlePath(org.framescope.model.NetworkSpec.MAX).withName(name + "-v1-recipe");
    }

    public TrainConfig withArticlePath(String p) {
        return new TrainConfig(name, blocks, lexical, hiddenCandidates, dropout, l2, learningRate, optimizer, maxEpochs, patience, batchArticles, seed, devFraction, classWeighting, p);
    }

    public TrainConfig withL2(double v) {
        return new TrainConfig(name, blocks, lexical, hiddenCandidates, dropout, v, learningRate, optimizer, maxEpochs, patience, batchArticles, seed, devFraction, classWeighting, articlePath);
    }

    public TrainConfig withBlocks(FeatureBlocks b) {
        return new TrainConfig(name, b, lexical, hiddenCandidates, dropout, l2, learningRate, optimizer, maxEpochs, patience, batchArticles, seed, devFraction, classWeighting, articlePath);
    }

    public TrainConfig withHidden(List<Integer> h) {
        return new TrainConfig(name, blocks, lexical, h, dropout, l2, learningRate, optimizer, maxEpochs, patience, batchArticles, seed, devFraction, classWeighting, articlePath);
    }

    public TrainConfig withEpochs(int epochs, int pat) {
        return new TrainConfig(name, blocks, lexical, hiddenCandidates, dropout, l2, learningRate, optimizer, epochs, pat, batchArticles, seed, devFraction, classWeighting, articlePath);
    }

    public TrainConfig withLearningRate(double lr) {
        return new TrainConfig(name, blocks, lexical, hiddenCandidates, dropout, l2, lr, optimizer, maxEpochs, patience, batchArticles, seed, devFraction, classWeighting, articlePath);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(name, blocks, lexical, hiddenCandidates, dropout, l2, learningRate, optimizer, maxEpochs, patience, batchArticles, s, devFraction, classWeighting, articlePath);
    }

    public TrainConfig withName(String n) {
        return new TrainConfig(n, blocks, lexical, hiddenCandidates, dropout, l2, learningRate, optimizer, maxEpochs, patience, batchArticles, seed, devFraction, classWeighting, articlePath);
    }

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
}
