package org.framescope.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.framescope.Version;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.ArticleFeatures;
import org.framescope.encode.Featurizer;
import org.framescope.encode.LexicalFeaturizer;
import org.framescope.encode.ParagraphFeatures;
import org.framescope.encode.SentenceEncoder;
import org.framescope.eval.Evaluation;
import org.framescope.eval.Evaluator;
import org.framescope.model.DecisionRules;
import org.framescope.model.EncoderIdentity;
import org.framescope.model.FeatureSpec;
import org.framescope.model.LabelScheme;
import org.framescope.model.Manifest;
import org.framescope.model.ModelBundle;
import org.framescope.model.NetworkFactory;
import org.framescope.model.NetworkRunner;
import org.framescope.model.NetworkSpec;
import org.framescope.model.Provenance;
import org.framescope.model.RawOutputs;
import org.framescope.model.RawScores;
import org.framescope.model.Task;
import org.framescope.text.BoilerplateFilter;
import org.framescope.util.Progress;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a model: fits the lexical block on training text, embeds every paragraph once, trains one
 * network per hidden-size candidate with early stopping on dev, keeps the best on dev, then fits
 * calibration and per-label thresholds on dev. Seeded: the same data and config give the same model.
 *
 * <p>Most callers use {@link org.framescope.FrameScope#train(java.nio.file.Path,
 * org.framescope.model.LabelScheme, TrainConfig)}, which reads the CSV, splits it with
 * {@link #trainDev(Corpus, double, long)}, runs this trainer and evaluates the test split.
 * <pre>{@code
 * List<List<LabeledArticle>> td = Trainer.trainDev(corpus, config.devFraction(), config.seed());
 * Trainer.Result r = new Trainer(config).train(scheme, corpus, td.get(0), td.get(1), encoder);
 * }</pre>
 *
 * <p><b>Thread-safety:</b> a trainer holds nothing but its immutable configuration; separate calls
 * of {@link #train} (on the same or on different trainers) share no state and may run in parallel
 * threads, given a thread-safe encoder (the built-in ONNX encoder is). Training is CPU-bound, so
 * parallel runs share the cores. A progress bar is drawn on stderr when a console is attached.
 *
 * <p><b>Exceptions:</b> {@link IllegalArgumentException} for data or arguments that cannot be
 * trained on (named on each method), {@link IllegalStateException} when the sentence encoder fails;
 * an unknown optimizer in the configuration is an {@link IllegalArgumentException} too.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainConfig config;

    /**
     * A trainer for one configuration. Never throws (the configuration checked itself).
     *
     * @param config every training option
     */
    public Trainer(TrainConfig config) {
        this.config = config;
    }

    /**
     * A trained model together with its dev evaluation. Immutable as a record; the bundle's DL4J
     * network is not safe to run from several threads at once (wrap it with
     * {@link org.framescope.FrameScope#open(ModelBundle, org.framescope.FrameScope.Options,
     * SentenceEncoder)}, which serialises it, or save it).
     *
     * @param bundle the model, ready to save or to open; its manifest has no metrics yet
     *               ({@link org.framescope.FrameScope#train(java.nio.file.Path,
     *               org.framescope.model.LabelScheme, TrainConfig)} adds them)
     * @param dev    metrics on the dev articles, with the model's calibration and thresholds (which
     *               were fitted on those articles, so optimistic)
     */
    public record Result(ModelBundle bundle, Evaluation dev) {}

    /**
     * The training and dev articles of a corpus: the articles of split {@code train} (or, when there
     * are none, every article not in {@code dev} or {@code test}) and of split {@code dev}; when there
     * is no dev split, a seeded random share of the training articles is held out as dev instead
     * (at least one). Test articles are never included. Thread-safe; the corpus is not modified.
     *
     * @param corpus      the labelled articles
     * @param devFraction share of the training articles to hold out when there is no dev split
     * @param seed        seed of that random choice
     * @return a list of two lists: the training articles, then the dev articles
     * @throws IllegalArgumentException if a dev split must be held out and there are fewer than
     *                                  two training articles
     * @throws NullPointerException if {@code corpus} is null
     */
    public static List<List<LabeledArticle>> trainDev(Corpus corpus, double devFraction, long seed) {
        List<LabeledArticle> train = corpus.split("train");
        List<LabeledArticle> dev = corpus.split("dev");
        if (train.isEmpty()) {
            // No split column (or no "train" rows): everything except test is training data.
            train = corpus.articles().stream()
                    .filter(a -> !"test".equalsIgnoreCase(a.split()) && !"dev".equalsIgnoreCase(a.split()))
                    .toList();
        }
        if (dev.isEmpty()) {
            List<LabeledArticle> shuffled = new ArrayList<>(train);
            Collections.shuffle(shuffled, new Random(seed));
            int nDev = Math.max(1, (int) Math.round(shuffled.size() * devFraction));
            if (shuffled.size() < 2) {
                throw new IllegalArgumentException("need at least two training articles to hold one out for dev");
            }
            dev = List.copyOf(shuffled.subList(0, nDev));
            train = List.copyOf(shuffled.subList(nDev, shuffled.size()));
        }
        return List.of(train, dev);
    }

    /**
     * Logs a WARN line per task naming the labels no training article (or paragraph) carries: the
     * model cannot learn them, and a user reading only the metrics would not know why.
     */
    static void warnUnseenLabels(LabelScheme scheme, List<LabeledArticle> train) {
        for (Task t : scheme.tasks()) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (LabeledArticle a : train) {
                seen.addAll(a.articleLabels().of(t.name()));
                if (a.hasParagraphLabels()) {
                    a.paragraphLabels().forEach(l -> seen.addAll(l.of(t.name())));
                }
            }
            List<String> unseen =
                    t.labels().stream().filter(l -> !seen.contains(l)).toList();
            if (!unseen.isEmpty()) {
                LOG.warn(
                        "task '{}': no training example of label{} {}: the model cannot learn {}",
                        t.name(),
                        unseen.size() == 1 ? "" : "s",
                        String.join(", ", unseen),
                        unseen.size() == 1 ? "it" : "them");
            }
        }
    }

    /**
     * Trains, selects and calibrates a model. Thread-safe (see the class comment).
     *
     * @param scheme  the tasks and labels to learn (the one the corpus was read with)
     * @param corpus  where the articles come from: its file name and SHA-256 are recorded in the
     *                model's provenance
     * @param train   the articles to fit the network (and the lexical block) on; not empty
     * @param dev     the articles for early stopping, model choice, calibration and thresholds; not empty
     * @param encoder the sentence encoder when the configuration uses embeddings; null (or ignored)
     *                for lexical features only. It is not closed.
     * @return the model and its dev evaluation
     * @throws IllegalArgumentException if the configuration uses embeddings and {@code encoder} is
     *                                  null, or names an unknown optimizer
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if {@code scheme}, {@code corpus}, {@code train} or {@code dev} is null
     */
    public Result train(
            LabelScheme scheme,
            Corpus corpus,
            List<LabeledArticle> train,
            List<LabeledArticle> dev,
            SentenceEncoder encoder) {
        long t0 = System.nanoTime();
        if (config.blocks().embeddings() && encoder == null) {
            throw new IllegalArgumentException("features '" + config.blocks().wireName() + "' need an encoder");
        }
        warnUnseenLabels(scheme, train);
        LexicalFeaturizer lexical = config.blocks().lexical()
                ? LexicalFeaturizer.fit(
                        config.lexical(),
                        train.stream().flatMap(a -> a.paragraphs().stream()).toList())
                : null;
        Featurizer featurizer =
                new Featurizer(config.blocks().embeddings() ? encoder : null, lexical, Featurizer.DEFAULT_INPUT_SCALE);
        boolean wholeArticle = !NetworkSpec.MAX.equals(config.articlePath());
        List<ArticleFeatures> trainX = featurize(featurizer, train, "Embedding train", wholeArticle);
        List<ArticleFeatures> devX = featurize(featurizer, dev, "Embedding dev", wholeArticle);

        Map<String, Object> selection = new LinkedHashMap<>();
        ComputationGraph best = null;
        NetworkSpec bestSpec = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpochs = 0;
        for (int hidden : config.hiddenCandidates()) {
            NetworkSpec spec = new NetworkSpec(
                    featurizer.dim(),
                    hidden,
                    hidden > 0 ? config.dropout() : 0.0,
                    config.l2(),
                    config.learningRate(),
                    config.optimizer(),
                    config.seed(),
                    config.articlePath());
            Fit fit = fit(scheme, spec, featurizer, train, trainX, dev, devX);
            LOG.info("hidden={}: best dev score {} at epoch {}", hidden, String.format("%.4f", fit.score), fit.epoch);
            selection.put("hidden_" + hidden, Map.of("dev_score", fit.score, "best_epoch", fit.epoch));
            if (fit.score > bestScore + 1e-9) {
                bestScore = fit.score;
                best = fit.net;
                bestSpec = spec;
                bestEpochs = fit.epoch;
            }
        }
        selection.put("selected_hidden", bestSpec.hidden());
        selection.put("selection_metric", "mean macro-F1 over tasks and levels on dev, uncalibrated");

        RawOutputs devOut = NetworkRunner.forwardAll(best, scheme, bestSpec, featurizer, devX);
        Map<String, String> sources = chooseSources(scheme, dev, devOut, true);
        selection.put("article_sources", sources);
        selection.put(
                "article_source_metric",
                "calibrated article macro-F1 per task on dev; blend = mean of the max-pooled and whole-article probabilities; *gate = times the task's any-label gate");
        RawScores devRaw = devOut.combine(scheme, sources);
        DecisionRules rules = DecisionFitting.calibrate(scheme, dev, devRaw);

        EncoderIdentity enc = featurizer.encoder() == null
                ? null
                : EncoderIdentity.of(encoder.spec(), encoder.sha256(), encoder.dim(), encoder.tokenizerSha256());
        FeatureSpec features = new FeatureSpec(
                config.blocks().wireName(),
                enc,
                lexical == null ? null : lexical.config(),
                BoilerplateFilter.defaults().rulesVersion(),
                featurizer.scale());
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("train_articles", train.size());
        counts.put(
                "train_paragraphs",
                train.stream().mapToInt(a -> a.paragraphs().size()).sum());
        counts.put("dev_articles", dev.size());
        counts.put(
                "dev_paragraphs",
                dev.stream().mapToInt(a -> a.paragraphs().size()).sum());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Provenance prov = new Provenance(
                corpus.file(),
                corpus.sha256(),
                counts,
                config.seed(),
                config.asMap(),
                selection,
                bestEpochs,
                Math.round(seconds * 10) / 10.0,
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Instant.now().toString());
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION,
                Version.VERSION,
                config.name(),
                Instant.now().toString(),
                scheme,
                features,
                bestSpec,
                bestSpec.articlePath(),
                rules,
                prov,
                null,
                Map.of(),
                sources);
        ModelBundle bundle = new ModelBundle(manifest, best, lexical);
        Evaluation devEval = Evaluator.evaluate(config.name(), corpus.file() + " (dev)", scheme, dev, devRaw, rules);
        return new Result(bundle, devEval);
    }

    private static List<ArticleFeatures> featurize(
            Featurizer f, List<LabeledArticle> articles, String what, boolean wholeArticle) {
        List<String> texts =
                articles.stream().flatMap(a -> a.paragraphs().stream()).toList();
        List<ParagraphFeatures> flat = new ArrayList<>(texts.size());
        try (Progress bar = Progress.start(what, texts.size())) {
            for (int i = 0; i < texts.size(); i += 64) {
                List<String> part = texts.subList(i, Math.min(texts.size(), i + 64));
                flat.addAll(f.featurize(part));
                bar.stepBy(part.size());
            }
        }
        return f.group(articles.stream().map(LabeledArticle::paragraphs).toList(), flat, wholeArticle);
    }

    /**
     * Which article head serves each task: the source with the best article macro-F1 on dev (after
     * calibration when {@code calibrated}, else at the raw 0.5 / argmax decision). Ties go to the
     * earlier source in {@link RawOutputs#available(int)} (max, doc, blend, then their gated forms).
     */
    static Map<String, String> chooseSources(
            LabelScheme scheme, List<LabeledArticle> dev, RawOutputs out, boolean calibrated) {
        Map<String, String> chosen = new LinkedHashMap<>();
        int tasks = scheme.tasks().size();
        double[] best = new double[tasks];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        // The i-th candidate of every task is scored in one pass (a task with fewer sources keeps its last).
        int rounds = java.util.stream.IntStream.range(0, tasks)
                .map(k -> out.available(k).size())
                .max()
                .orElse(0);
        for (int r = 0; r < rounds; r++) {
            Map<String, String> all = new LinkedHashMap<>();
            for (int k = 0; k < tasks; k++) {
                List<String> ok = out.available(k);
                all.put(scheme.tasks().get(k).name(), ok.get(Math.min(r, ok.size() - 1)));
            }
            RawScores raw = out.combine(scheme, all);
            DecisionRules rules =
                    calibrated ? DecisionFitting.calibrate(scheme, dev, raw) : DecisionRules.identity(scheme);
            Evaluation e = Evaluator.metrics(Evaluator.predictions("", "", scheme, dev, raw, rules, false), false);
            for (int k = 0; k < tasks; k++) {
                String src = all.get(scheme.tasks().get(k).name());
                double f1 = e.article().get(k).macro().f1();
                if (f1 > best[k] + 1e-9) {
                    best[k] = f1;
                    chosen.put(scheme.tasks().get(k).name(), src);
                }
            }
        }
        return chosen;
    }

    private record Fit(ComputationGraph net, double score, int epoch) {}

    private Fit fit(
            LabelScheme scheme,
            NetworkSpec spec,
            Featurizer featurizer,
            List<LabeledArticle> train,
            List<ArticleFeatures> trainX,
            List<LabeledArticle> dev,
            List<ArticleFeatures> devX) {
        ClassWeights w = config.classWeighting() ? ClassWeights.of(scheme, train) : ClassWeights.none(scheme);
        ComputationGraph net = NetworkFactory.build(scheme, spec, w.singleLabel());
        Random rnd = new Random(config.seed());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        DecisionRules identity = DecisionRules.identity(scheme);
        INDArray bestParams = null;
        double bestScore = Double.NEGATIVE_INFINITY, bestLoss = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0, stale = 0;
        try (Progress bar = Progress.start("Training (hidden " + spec.hidden() + ")", config.maxEpochs())) {
            for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                Collections.shuffle(order, rnd);
                for (int from = 0; from < order.size(); ) {
                    int to = Math.min(order.size(), from + config.batchArticles());
                    if (order.size() - to == 1) {
                        // Never leave a last minibatch of one article: for a one-paragraph article its 1x1
                        // mask makes DL4J's softmax loss fail ("Per output masking for MCXENT + softmax").
                        to++;
                    }
                    List<Integer> idx = order.subList(from, to);
                    net.fit(Minibatches.batch(scheme, spec, featurizer, train, trainX, idx, w));
                    from = to;
                }
                if (Double.isNaN(net.score()) || Double.isInfinite(net.score())) {
                    LOG.warn(
                            "training diverged at epoch {} (loss {}); keeping the best earlier epoch - lower --lr",
                            epoch,
                            net.score());
                    break;
                }
                // Early stopping watches the dev loss: smooth and threshold-free, where macro-F1 at a raw 0.5
                // threshold jumps from epoch to epoch and stopped training after a lucky early epoch.
                RawOutputs out = NetworkRunner.forwardAll(net, scheme, spec, featurizer, devX);
                double loss = DevLoss.devLoss(scheme, dev, out);
                RawScores raw = out.combine(scheme, chooseSources(scheme, dev, out, false));
                double f1 =
                        Evaluator.evaluate("", "", scheme, dev, raw, identity).selectionScore();
                LOG.debug("epoch {} loss {} dev loss {} dev macro-F1 {}", epoch, net.score(), loss, f1);
                bar.stepBy(1);
                bar.extra(String.format("dev loss %.4f, macro-F1 %.3f", loss, f1));
                if (-loss > bestLoss + 1e-5) {
                    bestLoss = -loss;
                    bestScore = f1;
                    bestEpoch = epoch;
                    bestParams = net.params().dup();
                    stale = 0;
                } else if (++stale >= config.patience()) {
                    break;
                }
            }
        }
        if (bestParams == null) {
            throw new IllegalStateException("training diverged in the first epoch; lower the learning rate (--lr)");
        }
        net.setParams(bestParams);
        return new Fit(net, bestScore, bestEpoch);
    }
}
