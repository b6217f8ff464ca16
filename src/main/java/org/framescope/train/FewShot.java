package org.framescope.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.Featurizer;
import org.framescope.encode.ParagraphFeatures;
import org.framescope.encode.SentenceEncoder;
import org.framescope.encode.SparseVector;
import org.framescope.io.CorpusReader;
import org.framescope.io.CsvColumns;
import org.framescope.io.CsvTable;
import org.framescope.model.DecisionRules;
import org.framescope.model.EncoderIdentity;
import org.framescope.model.FewShotLabel;
import org.framescope.model.LabelDecision;
import org.framescope.model.LabelScheme;
import org.framescope.model.Manifest;
import org.framescope.model.ModelBundle;
import org.framescope.model.ModelFormatException;
import org.framescope.model.NetworkSpec;
import org.framescope.model.NetworkSurgery;
import org.framescope.model.Provenance;
import org.framescope.model.RawOutputs;
import org.framescope.model.Task;
import org.framescope.model.TaskDecision;
import org.framescope.model.TaskType;
import org.framescope.text.Segmenter;
import org.framescope.text.TextLimits;
import org.framescope.util.Hashing;
import org.framescope.util.InputException;

/**
 * Adds a label to a multi-label task of a trained model from a description and a few example
 * paragraphs, without retraining anything else.
 * <pre>{@code
 * ModelBundle base = ModelBundle.load(Path.of("model.zip"));
 * FewShotExamples ex = FewShotExamples.read(Path.of("examples.csv"), null, TextLimits.DEFAULT_MAX_CHARS);
 * FewShotResult r = FewShot.extend(base, encoder, new FewShotRequest("frames", "energy_leverage",
 *         "Energy supplies (gas, oil, grain) used as a tool of pressure between states.", ex, 42));
 * r.save(Path.of("model-extended.zip"));
 * }</pre>
 * How: the examples, the description (as one more positive) and negatives (the examples' own, the
 * extra negatives file, and when they are fewer than {@link #minNegatives(int)} a seeded sample of
 * the model's training data, used only when the file named in its provenance still has the
 * recorded SHA-256) go through the model's own frozen featurizer (and its hidden layer, if any). A
 * class-balanced, L2-penalised logistic regression on those features becomes the new output unit of
 * the task's paragraph logits (and of its whole-article head); the penalty is chosen among
 * {@link #L2_GRID} by stratified cross-validation (seeded), and the out-of-fold scores fit the
 * label's Platt calibration and F1-optimal threshold. The network is rebuilt one unit wider and every
 * existing weight is copied exactly ({@link NetworkSurgery}), so every existing label keeps its
 * scores bit for bit. The label's article score is the max over its paragraphs' scores (the
 * max-pooled head; the whole-article head in a network without one), not multiplied by the task's
 * gate, which learned "any of the other labels applies"; its article decision is its paragraph
 * decision (on one-paragraph examples the two scores are the same).
 *
 * <p><b>Thread-safety:</b> stateless; separate calls may run in parallel given a thread-safe
 * encoder. The source bundle is not modified (its network is only read, under its monitor).
 */
public final class FewShot {

    /** L2 penalties tried by cross-validation (per mean loss, as DL4J's). */
    public static final List<Double> L2_GRID = List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0);
    /** Most folds of the cross-validation (fewer when there are fewer positives). */
    public static final int MAX_FOLDS = 5;
    /** Most negatives used; a larger set is sampled down (seeded): the solver is cubic in the examples. */
    public static final int MAX_NEGATIVES = 500;

    /** DL4J's LeakyReLU slope for negative inputs (ActivationLReLU.DEFAULT_ALPHA), used by the hidden layer. */
    private static final double LEAKY_ALPHA = 0.01;

    private FewShot() {}

    /**
     * Fewest negatives the label is built from: twice the positives, at least 20.
     *
     * @param positives the number of positive examples
     * @return the minimum number of negatives
     */
    public static int minNegatives(int positives) {
        return Math.max(20, 2 * positives);
    }

    /** How many negatives a sample of the training corpus tops the given ones up to. */
    static int corpusTarget(int positives) {
        return Math.min(MAX_NEGATIVES, Math.max(250, 4 * positives));
    }

    /**
     * Adds the label (see the class comment).
     *
     * @param model   the trained model; not modified
     * @param encoder the sentence encoder the model was trained with (checked by its SHA-256); null
     *                for a model with lexical features only
     * @param request the task, label, description, examples and seed
     * @return the extended model and the label's record
     * @throws IllegalArgumentException if the task is unknown or single-label, the label exists or
     *                                  is not a valid label name, or the model needs an encoder and
     *                                  none was given
     * @throws ModelFormatException if the encoder is not the one the model was trained with
     * @throws InputException if there are too few negatives and the model's training data cannot
     *                        supply them
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if {@code model} or {@code request} is null
     */
    public static FewShotResult extend(ModelBundle model, SentenceEncoder encoder, FewShotRequest request) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(request, "request");
        Manifest m = model.manifest();
        LabelScheme scheme = m.scheme();
        Task task = scheme.task(request.task())
                .orElseThrow(() -> new IllegalArgumentException("model '" + m.name() + "' has no task '"
                        + request.task() + "' (tasks: " + String.join(", ", scheme.taskNames()) + ")"));
        if (!task.multiLabel()) {
            throw new IllegalArgumentException("task '" + task.name()
                    + "' is single-label: a new label can only be added to a multi-label task ("
                    + String.join(
                            ", ",
                            scheme.tasks().stream()
                                    .filter(Task::multiLabel)
                                    .map(Task::name)
                                    .toList()) + ")");
        }
        String label = request.label();
        if (task.indexOf(label) >= 0) {
            throw new IllegalArgumentException("task '" + task.name() + "' already has a label '" + label + "'");
        }
        List<String> labels = new ArrayList<>(task.labels());
        labels.add(label);
        Map<String, String> descriptions = new LinkedHashMap<>(task.descriptions());
        String description = Segmenter.defaults().normalizeParagraph(request.description());
        descriptions.put(label, description);
        Task grown = new Task(task.name(), TaskType.MULTI_LABEL, labels, descriptions, task.neutral());
        LabelScheme newScheme = new LabelScheme(
                scheme.name(),
                scheme.tasks().stream().map(t -> t == task ? grown : t).toList());

        EncoderIdentity id = m.features().encoder();
        if (id != null) {
            if (encoder == null) {
                throw new IllegalArgumentException(
                        "model '" + m.name() + "' uses sentence embeddings (" + id.id() + "): pass its encoder");
            }
            if (!encoder.sha256().equals(id.sha256()) || encoder.dim() != id.dim()) {
                throw new ModelFormatException("the model was trained with encoder " + id.id() + " (sha256 "
                        + id.sha256().substring(0, 12) + "…) but the encoder given is "
                        + encoder.spec().id() + " (sha256 " + encoder.sha256().substring(0, 12) + "…)");
            }
        }
        Featurizer featurizer = model.featurizer(encoder);
        FewShotExamples ex = request.examples();
        Negatives negs = negatives(m, ex, request.seed());

        // Items: the positives, the description, then the negatives.
        List<String> texts = new ArrayList<>(ex.positives());
        int descIndex = texts.size();
        texts.add(description);
        texts.addAll(negs.texts());
        boolean[] y = new boolean[texts.size()];
        for (int i = 0; i <= descIndex; i++) {
            y[i] = true;
        }
        List<ParagraphFeatures> feats = featurizer.featurize(texts);
        NetworkSpec spec = m.network();
        KernelLogistic.Row[] input =
                feats.stream().map(p -> inputRow(featurizer, p)).toArray(KernelLogistic.Row[]::new);
        KernelLogistic.Row[] trunk = input;
        int trunkDim = featurizer.dim();
        if (spec.hidden() > 0) {
            double[][] w;
            double[][] b;
            synchronized (model.network()) {
                w = NetworkSurgery.param(model.network(), "hidden", "W");
                b = NetworkSurgery.param(model.network(), "hidden", "b");
            }
            trunk = java.util.Arrays.stream(input)
                    .map(r -> hiddenRow(r, w, b[0]))
                    .toArray(KernelLogistic.Row[]::new);
            trunkDim = spec.hidden();
        }

        int positives = ex.positives().size();
        int folds = Math.min(MAX_FOLDS, positives); // at least MIN_EXAMPLES = 4
        int[] fold = folds(y, descIndex, folds, request.seed());
        double[][] gram = KernelLogistic.gram(trunk);
        double bestL2 = L2_GRID.get(L2_GRID.size() - 1);
        double[] bestOof = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        // From the strongest penalty down: a weaker one must do strictly better out of fold to be chosen.
        for (int g = L2_GRID.size() - 1; g >= 0; g--) {
            double[] oof = outOfFold(gram, y, fold, folds, L2_GRID.get(g));
            double loss = balancedLogLoss(oof, y, fold);
            if (loss < bestLoss - 1e-9) {
                bestLoss = loss;
                bestL2 = L2_GRID.get(g);
                bestOof = oof;
            }
        }
        int[] all = java.util.stream.IntStream.range(0, texts.size()).toArray();
        KernelLogistic.Dual fit = KernelLogistic.fit(gram, all, y, bestL2);
        float[] logitsW = toFloat(fit.weights(trunk, trunkDim));
        float[] docW = null;
        float docB = 0;
        if (spec.hasDocHeads()) {
            // A one-paragraph text's whole-article features are its paragraph features: the same
            // classifier serves, refitted on the raw features when the paragraph head sits on a hidden layer.
            KernelLogistic.Dual docFit =
                    spec.hidden() > 0 ? KernelLogistic.fit(KernelLogistic.gram(input), all, y, bestL2) : fit;
            docW = toFloat(docFit.weights(input, featurizer.dim()));
            docB = (float) docFit.b();
        }

        // Calibration and threshold from the out-of-fold scores of the examples (the description is not scored).
        List<double[]> raw = new ArrayList<>();
        List<boolean[]> gold = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (fold[i] >= 0) {
                raw.add(new double[] {bestOof[i]});
                gold.add(new boolean[] {y[i]});
            }
        }
        Task one = new Task(label, TaskType.MULTI_LABEL, List.of(label), null, null);
        LabelDecision decision = Calibrator.fit(one, raw.toArray(double[][]::new), gold.toArray(boolean[][]::new))
                .labels()
                .get(0);
        FewShotLabel.FewShotCv cv = cvMetrics(raw, gold, decision, folds);

        ComputationGraph net;
        synchronized (model.network()) {
            net = NetworkSurgery.addOutput(
                    model.network(),
                    scheme,
                    spec,
                    task,
                    new NetworkSurgery.NewUnit(logitsW, (float) fit.b(), docW, docB));
        }
        DecisionRules d = m.decisions();
        DecisionRules rules =
                new DecisionRules(appended(d.paragraph(), task, decision), appended(d.article(), task, decision));
        Map<String, String> sources = new LinkedHashMap<>(m.articleSources() == null ? Map.of() : m.articleSources());
        sources.put(RawOutputs.labelKey(task.name(), label), spec.hasMaxHeads() ? NetworkSpec.MAX : NetworkSpec.DOC);
        FewShotLabel record = new FewShotLabel(
                description,
                ex.file(),
                ex.sha256(),
                ex.negativesFile(),
                ex.negativesSha256(),
                positives,
                negs.texts().size(),
                negs.bySource(),
                request.seed(),
                bestL2,
                cv,
                Instant.now().toString());
        Manifest out = m.withFewShotLabel(newScheme, rules, sources, task.name(), label, record);
        return new FewShotResult(new ModelBundle(out, net, model.lexical()), task.name(), label, record);
    }

    /** The negatives used, with their count by source. */
    private record Negatives(List<String> texts, Map<String, Integer> bySource) {}

    private static Negatives negatives(Manifest m, FewShotExamples ex, long seed) {
        Set<String> positives = new LinkedHashSet<>(ex.positives());
        Map<String, String> sourceOf = new LinkedHashMap<>(); // text -> where it came from, in order
        add(sourceOf, positives, ex.negatives(), "examples", Integer.MAX_VALUE);
        add(sourceOf, positives, ex.fileNegatives(), "negatives_file", Integer.MAX_VALUE);
        int need = minNegatives(ex.positives().size());
        if (sourceOf.size() < need) {
            StringBuilder why = new StringBuilder();
            List<String> corpus = corpusParagraphs(m, why);
            if (corpus != null) {
                Collections.shuffle(corpus, new Random(seed));
                add(
                        sourceOf,
                        positives,
                        corpus,
                        "corpus",
                        corpusTarget(ex.positives().size()) - sourceOf.size());
            }
            if (sourceOf.size() < need) {
                throw new InputException(
                        ex.file(),
                        0,
                        null,
                        "only " + sourceOf.size() + " negative examples (rows with label 0/no, or --negatives FILE); "
                                + need + " are needed and "
                                + (corpus == null ? why : "the model's training data has too few paragraphs"));
            }
        }
        List<String> texts = new ArrayList<>(sourceOf.keySet());
        Map<String, Integer> by = new LinkedHashMap<>();
        if (texts.size() > MAX_NEGATIVES) {
            List<String> sample = new ArrayList<>(texts);
            Collections.shuffle(sample, new Random(seed));
            Set<String> keep = new java.util.HashSet<>(sample.subList(0, MAX_NEGATIVES));
            by.put("before_sample", texts.size());
            texts.retainAll(keep); // keeps the sources' order
        }
        texts.forEach(t -> by.merge(sourceOf.get(t), 1, Integer::sum));
        return new Negatives(texts, by);
    }

    private static void add(
            Map<String, String> sourceOf, Set<String> positives, List<String> from, String source, int most) {
        int n = 0;
        for (String t : from) {
            if (n >= most) {
                break;
            }
            // A text that is also a positive, or already a negative, would only weigh twice.
            if (!positives.contains(t) && sourceOf.putIfAbsent(t, source) == null) {
                n++;
            }
        }
    }

    /**
     * The paragraphs of the model's training data (not its test splits), or null with the reason in
     * {@code why} when the file named in the provenance is gone, changed or unreadable.
     */
    private static List<String> corpusParagraphs(Manifest m, StringBuilder why) {
        Provenance p = m.provenance();
        if (p == null || p.dataFile() == null || p.dataSha256() == null) {
            why.append("the model records no training data file");
            return null;
        }
        Path file = Path.of(p.dataFile());
        if (!Files.isRegularFile(file)) {
            why.append("the model's training data ").append(p.dataFile()).append(" is not there");
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            why.append("the model's training data ")
                    .append(p.dataFile())
                    .append(" cannot be read (")
                    .append(e.getMessage())
                    .append(')');
            return null;
        }
        if (!Hashing.sha256(bytes).equals(p.dataSha256())) {
            why.append("the model's training data ")
                    .append(p.dataFile())
                    .append(" has changed since training (its SHA-256 differs)");
            return null;
        }
        Corpus c;
        try {
            c = new CorpusReader(m.scheme(), CsvColumns.defaults(), Segmenter.defaults(), TextLimits.DEFAULT_MAX_CHARS)
                    .read(CsvTable.parse(p.dataFile(), bytes));
        } catch (InputException | IOException e) {
            why.append("the model's training data cannot be read with the default columns (")
                    .append(e.getMessage())
                    .append(')');
            return null;
        }
        List<String> out = new ArrayList<>();
        for (LabeledArticle a : c.articles()) {
            if (a.split() == null || !a.split().toLowerCase(Locale.ROOT).startsWith("test")) {
                out.addAll(a.paragraphs());
            }
        }
        return out;
    }

    /** The network's input for a paragraph (the featurizer's layout and scale) as a sparse row. */
    static KernelLogistic.Row inputRow(Featurizer f, ParagraphFeatures p) {
        int e = f.embeddingDim();
        SparseVector lex = p.lexical();
        int nnz = e + (lex == null ? 0 : lex.nnz());
        int[] idx = new int[nnz];
        double[] val = new double[nnz];
        for (int d = 0; d < e; d++) {
            idx[d] = d;
            // Float products, as Featurizer.write computes the network's input.
            val[d] = p.embedding()[d] * f.scale();
        }
        for (int k = 0; lex != null && k < lex.nnz(); k++) {
            idx[e + k] = e + lex.indices()[k];
            val[e + k] = lex.values()[k] * f.scale();
        }
        return new KernelLogistic.Row(idx, val);
    }

    /** The hidden layer's activation of an input row: LeakyReLU(x W + b). */
    private static KernelLogistic.Row hiddenRow(KernelLogistic.Row x, double[][] w, double[] b) {
        int h = b.length;
        double[] out = b.clone();
        for (int k = 0; k < x.idx().length; k++) {
            double v = x.val()[k];
            double[] wr = w[x.idx()[k]];
            for (int j = 0; j < h; j++) {
                out[j] += v * wr[j];
            }
        }
        int[] idx = new int[h];
        for (int j = 0; j < h; j++) {
            idx[j] = j;
            out[j] = out[j] >= 0 ? out[j] : LEAKY_ALPHA * out[j];
        }
        return new KernelLogistic.Row(idx, out);
    }

    /**
     * Stratified folds, seeded: positives and negatives are each shuffled and dealt round the folds.
     * The description ({@code desc}) is in no fold: it trains every fold and is never scored.
     */
    static int[] folds(boolean[] y, int desc, int folds, long seed) {
        int[] fold = new int[y.length];
        List<Integer> pos = new ArrayList<>(), neg = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (i != desc) {
                (y[i] ? pos : neg).add(i);
            }
        }
        Random r = new Random(seed);
        Collections.shuffle(pos, r);
        Collections.shuffle(neg, r);
        for (int k = 0; k < pos.size(); k++) {
            fold[pos.get(k)] = k % folds;
        }
        for (int k = 0; k < neg.size(); k++) {
            fold[neg.get(k)] = k % folds;
        }
        fold[desc] = -1;
        return fold;
    }

    /** Each item's probability from the model trained without its fold (NaN for the description). */
    private static double[] outOfFold(double[][] gram, boolean[] y, int[] fold, int folds, double l2) {
        double[] p = new double[y.length];
        java.util.Arrays.fill(p, Double.NaN);
        for (int f = 0; f < folds; f++) {
            final int ff = f;
            int[] train = java.util.stream.IntStream.range(0, y.length)
                    .filter(i -> fold[i] != ff)
                    .toArray();
            KernelLogistic.Dual d = KernelLogistic.fit(gram, train, y, l2);
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == f) {
                    p[i] = KernelLogistic.sigmoid(d.z(gram, i));
                }
            }
        }
        return p;
    }

    /** Mean log-loss of the positives and of the negatives, averaged: a handful of positives counts as much as the rest. */
    private static double balancedLogLoss(double[] p, boolean[] y, int[] fold) {
        double lp = 0, ln = 0;
        int np = 0, nn = 0;
        for (int i = 0; i < p.length; i++) {
            if (fold[i] < 0) {
                continue;
            }
            double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
            if (y[i]) {
                lp -= Math.log(q);
                np++;
            } else {
                ln -= Math.log(1 - q);
                nn++;
            }
        }
        return (lp / np + ln / nn) / 2;
    }

    private static FewShotLabel.FewShotCv cvMetrics(
            List<double[]> raw, List<boolean[]> gold, LabelDecision d, int folds) {
        int tp = 0, fp = 0, fn = 0;
        double loss = 0;
        for (int i = 0; i < raw.size(); i++) {
            double c = d.calibrate(raw.get(i)[0]);
            boolean pred = c >= d.threshold(), y = gold.get(i)[0];
            tp += pred && y ? 1 : 0;
            fp += pred && !y ? 1 : 0;
            fn += !pred && y ? 1 : 0;
            double q = Math.min(1 - 1e-7, Math.max(1e-7, c));
            loss -= y ? Math.log(q) : Math.log(1 - q);
        }
        double precision = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
        double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        return new FewShotLabel.FewShotCv(
                folds, round4(precision), round4(recall), round4(f1), round4(loss / raw.size()));
    }

    private static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static Map<String, TaskDecision> appended(Map<String, TaskDecision> byTask, Task task, LabelDecision d) {
        Map<String, TaskDecision> out = new LinkedHashMap<>(byTask);
        TaskDecision old = byTask.get(task.name());
        List<LabelDecision> labels = new ArrayList<>(old.labels());
        labels.add(d);
        out.put(task.name(), new TaskDecision(labels, old.temperature()));
        return out;
    }

    private static float[] toFloat(double[] w) {
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = (float) w[i];
        }
        return f;
    }
}
