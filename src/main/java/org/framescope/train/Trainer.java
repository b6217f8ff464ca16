package org.framescope.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.framescope.Version;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.data.Labels;
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
import org.framescope.model.TaskDecision;
import org.framescope.text.BoilerplateFilter;
import org.framescope.util.Progress;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
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
        DecisionRules rules = calibrate(scheme, dev, devRaw);

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
            DecisionRules rules = calibrated ? calibrate(scheme, dev, raw) : DecisionRules.identity(scheme);
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
        Weights w = config.classWeighting() ? Weights.of(scheme, train) : Weights.none(scheme);
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
                    net.fit(batch(scheme, spec, featurizer, train, trainX, idx, w));
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
                double loss = devLoss(scheme, dev, out);
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

    /**
     * Dev log-loss of the model as it will be used: the paragraph heads' mean cross-entropy (where
     * paragraphs have gold) plus, per task, the article cross-entropy of its best source (max-pooled,
     * whole-article or blend, gated or not) and each gate's own cross-entropy. A head that will not
     * serve a task cannot hold training back, and no
     * class weights or penalty enter: it is a proper score of the probabilities on dev.
     */
    static double devLoss(LabelScheme scheme, List<LabeledArticle> dev, RawOutputs out) {
        int tasks = scheme.tasks().size();
        double para = 0;
        int paraItems = 0;
        for (int i = 0; i < dev.size(); i++) {
            LabeledArticle a = dev.get(i);
            if (!a.hasParagraphLabels()) {
                continue;
            }
            for (int j = 0; j < a.paragraphs().size(); j++) {
                for (int k = 0; k < tasks; k++) {
                    Task t = scheme.tasks().get(k);
                    para += crossEntropy(
                                    t,
                                    out.paragraph()[i][j][k],
                                    oneHot(t, a.paragraphLabels().get(j)))
                            / tasks;
                }
                paraItems++;
            }
        }
        double art = 0;
        for (int k = 0; k < tasks; k++) {
            Task t = scheme.tasks().get(k);
            double best = Double.POSITIVE_INFINITY;
            for (String src : out.available(k)) {
                Map<String, String> m = Map.of(t.name(), src);
                RawScores raw = out.combine(scheme, m);
                double sum = 0;
                for (int i = 0; i < dev.size(); i++) {
                    sum += crossEntropy(
                            t, raw.article()[i][k], oneHot(t, dev.get(i).articleLabels()));
                }
                best = Math.min(best, sum / Math.max(1, dev.size()));
            }
            art += best;
        }
        // A gate is a head of its own: its cross-entropy counts, so training does not stop before the gate has learned.
        int gates = 0;
        for (int k = 0; out.gate() != null && k < tasks; k++) {
            if (out.gate()[k] == null) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < dev.size(); i++) {
                boolean any = !dev.get(i)
                        .articleLabels()
                        .of(scheme.tasks().get(k).name())
                        .isEmpty();
                sum += binaryCrossEntropy(out.gate()[k][i], any);
            }
            art += sum / Math.max(1, dev.size());
            gates++;
        }
        art /= tasks + gates;
        return paraItems > 0 ? (para / paraItems + art) / 2 : art;
    }

    private static double crossEntropy(Task t, double[] p, boolean[] y) {
        double s = 0;
        if (t.multiLabel()) {
            for (int l = 0; l < p.length; l++) {
                s += binaryCrossEntropy(p[l], y[l]);
            }
            return s / p.length;
        }
        for (int l = 0; l < p.length; l++) {
            if (y[l]) {
                s -= Math.log(Math.max(1e-7, p[l]));
            }
        }
        return s;
    }

    private static double binaryCrossEntropy(double p, boolean y) {
        double q = Math.min(1 - 1e-7, Math.max(1e-7, p));
        return -(y ? Math.log(q) : Math.log(1 - q));
    }

    /** Class weights: positive-label weights for multi-label tasks, class weights for single-label tasks. */
    record Weights(
            Map<String, double[]> positiveParagraph,
            Map<String, double[]> positiveArticle,
            Map<String, double[]> singleLabel) {

        static Weights none(LabelScheme scheme) {
            return new Weights(Map.of(), Map.of(), Map.of());
        }

        static Weights of(LabelScheme scheme, List<LabeledArticle> train) {
            Map<String, double[]> pp = new HashMap<>(), pa = new HashMap<>(), sl = new HashMap<>();
            for (Task t : scheme.tasks()) {
                List<Labels> paras = train.stream()
                        .filter(LabeledArticle::hasParagraphLabels)
                        .flatMap(a -> a.paragraphLabels().stream())
                        .toList();
                List<Labels> arts =
                        train.stream().map(LabeledArticle::articleLabels).toList();
                if (t.multiLabel()) {
                    pp.put(t.name(), positiveWeights(t, paras));
                    pa.put(t.name(), positiveWeights(t, arts));
                } else {
                    List<Labels> base = paras.isEmpty() ? arts : paras;
                    double[] w = new double[t.size()];
                    for (int c = 0; c < t.size(); c++) {
                        String l = t.labels().get(c);
                        long n = base.stream()
                                .filter(x -> x.of(t.name()).contains(l))
                                .count();
                        w[c] = clamp(Math.sqrt(base.size() / (double) (t.size() * Math.max(1, n))), 0.5, 5);
                    }
                    sl.put(t.name(), w);
                }
            }
            return new Weights(pp, pa, sl);
        }

        private static double[] positiveWeights(Task t, List<Labels> items) {
            double[] w = new double[t.size()];
            for (int l = 0; l < t.size(); l++) {
                String label = t.labels().get(l);
                long pos = items.stream()
                        .filter(x -> x.of(t.name()).contains(label))
                        .count();
                w[l] = items.isEmpty() ? 1 : clamp(Math.sqrt((items.size() - pos) / (double) Math.max(1, pos)), 1, 10);
            }
            return w;
        }

        private static double clamp(double v, double lo, double hi) {
            return Math.max(lo, Math.min(hi, v));
        }
    }

    /**
     * One minibatch. Paragraph heads get masks that are zero where a paragraph has no gold (article-only
     * data), so those articles train the model only through the pooled article heads.
     */
    static MultiDataSet batch(
            LabelScheme scheme,
            NetworkSpec spec,
            Featurizer featurizer,
            List<LabeledArticle> articles,
            List<ArticleFeatures> x,
            List<Integer> idx,
            Weights w) {
        List<ArticleFeatures> feats = idx.stream().map(x::get).toList();
        INDArray[] in = NetworkRunner.inputs(featurizer, feats, spec.hasDocHeads());
        int b = idx.size();
        int tMax = (int) in[0].size(2);
        int tasks = scheme.tasks().size();
        List<INDArray> labels = new ArrayList<>();
        List<INDArray> masks = new ArrayList<>();
        List<INDArray> artLabels = new ArrayList<>();
        List<INDArray> artMasks = new ArrayList<>();
        for (int k = 0; k < tasks; k++) {
            Task t = scheme.tasks().get(k);
            int n = t.size();
            float[] pl = new float[b * n * tMax];
            float[] pm = new float[t.multiLabel() ? b * n * tMax : b * tMax];
            float[] al = new float[b * n];
            float[] am = new float[b * n];
            double[] posP = w.positiveParagraph().get(t.name());
            double[] posA = w.positiveArticle().get(t.name());
            for (int i = 0; i < b; i++) {
                LabeledArticle a = articles.get(idx.get(i));
                if (a.hasParagraphLabels()) {
                    for (int j = 0; j < a.paragraphs().size(); j++) {
                        var gold = a.paragraphLabels().get(j).of(t.name());
                        for (int l = 0; l < n; l++) {
                            boolean y = gold.contains(t.labels().get(l));
                            pl[i * n * tMax + l * tMax + j] = y ? 1f : 0f;
                            if (t.multiLabel()) {
                                pm[i * n * tMax + l * tMax + j] = y && posP != null ? (float) posP[l] : 1f;
                            }
                        }
                        if (!t.multiLabel()) {
                            pm[i * tMax + j] = 1f;
                        }
                    }
                }
                var gold = a.articleLabels().of(t.name());
                for (int l = 0; l < n; l++) {
                    boolean y = gold.contains(t.labels().get(l));
                    al[i * n + l] = y ? 1f : 0f;
                    am[i * n + l] = t.multiLabel() && y && posA != null ? (float) posA[l] : 1f;
                }
            }
            labels.add(Nd4j.create(pl, new long[] {b, n, tMax}, 'c'));
            masks.add(
                    t.multiLabel()
                            ? Nd4j.create(pm, new long[] {b, n, tMax}, 'c')
                            : Nd4j.create(pm, new long[] {b, tMax}, 'c'));
            artLabels.add(Nd4j.create(al, new long[] {b, n}, 'c'));
            artMasks.add(t.multiLabel() ? Nd4j.create(am, new long[] {b, n}, 'c') : null);
        }
        // Output order (NetworkFactory.outputNames): paragraph heads, max-pooled heads, whole-article heads, gates.
        if (spec.hasMaxHeads()) {
            labels.addAll(artLabels);
            masks.addAll(artMasks);
        }
        if (spec.hasDocHeads()) {
            labels.addAll(artLabels);
            masks.addAll(artMasks);
        }
        // Gates learn "the article carries any label of this task" (no class weights: a proper probability).
        for (Task t : NetworkFactory.gatedTasks(scheme, spec)) {
            float[] gl = new float[b];
            for (int i = 0; i < b; i++) {
                gl[i] = articles.get(idx.get(i)).articleLabels().of(t.name()).isEmpty() ? 0f : 1f;
            }
            labels.add(Nd4j.create(gl, new long[] {b, 1}, 'c'));
            masks.add(null);
        }
        INDArray[] features = spec.hasDocHeads() ? new INDArray[] {in[0], in[2]} : new INDArray[] {in[0]};
        INDArray[] featureMasks = spec.hasDocHeads() ? new INDArray[] {in[1], null} : new INDArray[] {in[1]};
        return new MultiDataSet(
                features, labels.toArray(INDArray[]::new), featureMasks, masks.toArray(INDArray[]::new));
    }

    /**
     * Fits calibration and thresholds on dev. Without paragraph gold on dev, paragraphs reuse the
     * article rules: an article label is the max over its paragraphs, so a paragraph carries the label
     * when its own score would clear the article threshold.
     */
    static DecisionRules calibrate(LabelScheme scheme, List<LabeledArticle> dev, RawScores raw) {
        Map<String, TaskDecision> para = new LinkedHashMap<>();
        Map<String, TaskDecision> art = new LinkedHashMap<>();
        boolean paraGold = dev.stream().anyMatch(LabeledArticle::hasParagraphLabels);
        for (int k = 0; k < scheme.tasks().size(); k++) {
            Task t = scheme.tasks().get(k);
            List<double[]> ar = new ArrayList<>();
            List<boolean[]> ag = new ArrayList<>();
            List<double[]> pr = new ArrayList<>();
            List<boolean[]> pg = new ArrayList<>();
            for (int i = 0; i < dev.size(); i++) {
                LabeledArticle a = dev.get(i);
                ar.add(raw.article()[i][k]);
                ag.add(oneHot(t, a.articleLabels()));
                if (a.hasParagraphLabels()) {
                    for (int j = 0; j < a.paragraphs().size(); j++) {
                        pr.add(raw.paragraph()[i][j][k]);
                        pg.add(oneHot(t, a.paragraphLabels().get(j)));
                    }
                }
            }
            TaskDecision ad = Calibrator.fit(t, ar.toArray(double[][]::new), ag.toArray(boolean[][]::new));
            art.put(t.name(), ad);
            para.put(
                    t.name(),
                    paraGold ? Calibrator.fit(t, pr.toArray(double[][]::new), pg.toArray(boolean[][]::new)) : ad);
        }
        return new DecisionRules(para, art);
    }

    static boolean[] oneHot(Task t, Labels labels) {
        boolean[] out = new boolean[t.size()];
        for (String l : labels.of(t.name())) {
            out[t.indexOf(l)] = true;
        }
        return out;
    }
}
