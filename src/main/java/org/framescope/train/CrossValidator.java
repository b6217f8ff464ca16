package org.framescope.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.Featurizer;
import org.framescope.encode.SentenceEncoder;
import org.framescope.eval.CvPoint;
import org.framescope.eval.CvResult;
import org.framescope.eval.CvRun;
import org.framescope.eval.Evaluation;
import org.framescope.eval.Evaluator;
import org.framescope.model.LabelScheme;
import org.framescope.model.ModelBundle;
import org.framescope.model.NetworkRunner;
import org.framescope.model.RawScores;
import org.framescope.model.Task;

/**
 * K-fold cross-validation grouped by article: every article (with all its paragraphs) is in exactly
 * one test fold. For each fold, a seeded share of the other folds' articles is held out as dev data
 * (early stopping, calibration, thresholds) and the model is trained on the rest, or on a growing
 * fraction of the rest for a learning curve (nested subsets: each fraction's articles include the
 * smaller fraction's). Folds are stratified: articles are placed rarest label first, each in the fold
 * that has the fewest articles with that label so far.
 */
public final class CrossValidator {

    private final TrainConfig config;

    /** A cross-validator that trains every fold with this configuration. */
    public CrossValidator(TrainConfig config) {
        this.config = config;
    }

    /**
     * @param fractions training-data fractions in (0, 1], ascending; {@code [1.0]} for a plain
     *                  cross-validation
     * @param encoder   the sentence encoder when the features use embeddings, else null
     * @param log       progress lines (one per run)
     */
    public CvResult run(
            LabelScheme scheme,
            Corpus corpus,
            List<LabeledArticle> articles,
            int folds,
            List<Double> fractions,
            SentenceEncoder encoder,
            Consumer<String> log) {
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2");
        }
        if (articles.size() < folds) {
            throw new IllegalArgumentException("cannot make " + folds + " folds from " + articles.size() + " articles");
        }
        if (fractions.isEmpty() || fractions.stream().anyMatch(f -> !(f > 0 && f <= 1))) {
            throw new IllegalArgumentException("training fractions must be in (0, 1]");
        }
        List<Double> fr = fractions.stream().distinct().sorted().toList();
        int[] fold = assignFolds(scheme, articles, folds, config.seed());
        List<CvRun> runs = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<LabeledArticle> test = new ArrayList<>();
            List<LabeledArticle> pool = new ArrayList<>();
            for (int i = 0; i < articles.size(); i++) {
                (fold[i] == f ? test : pool).add(articles.get(i));
            }
            Collections.shuffle(pool, new Random(config.seed() + 31L * (f + 1)));
            int nDev = Math.max(1, (int) Math.round(pool.size() * config.devFraction()));
            if (pool.size() - nDev < 1) {
                throw new IllegalArgumentException("too few articles to train: fold " + (f + 1) + " leaves "
                        + pool.size() + " for training and dev");
            }
            List<LabeledArticle> dev = List.copyOf(pool.subList(0, nDev));
            List<LabeledArticle> trainAll = List.copyOf(pool.subList(nDev, pool.size()));
            for (double fraction : fr) {
                int nTrain = Math.max(1, (int) Math.ceil(fraction * trainAll.size() - 1e-9));
                List<LabeledArticle> train = trainAll.subList(0, nTrain);
                long t0 = System.nanoTime();
                TrainConfig cfg = config.withName(config.name() + "-cv" + (f + 1) + "-" + Math.round(fraction * 100));
                Trainer.Result result = new Trainer(cfg).train(scheme, corpus, train, dev, encoder);
                Evaluation e;
                ModelBundle b = result.bundle();
                Featurizer featurizer = b.featurizer(encoder);
                RawScores raw = NetworkRunner.score(
                        b,
                        featurizer,
                        test.stream().map(LabeledArticle::paragraphs).toList(),
                        () -> false);
                e = Evaluator.metrics(
                                Evaluator.predictions(
                                        cfg.name(),
                                        corpus.file() + " (fold " + (f + 1) + ")",
                                        scheme,
                                        test,
                                        raw,
                                        b.manifest().decisions(),
                                        corpus.paragraphLevel()),
                                false)
                        .withoutCurves();
                double seconds = (System.nanoTime() - t0) / 1e9;
                runs.add(new CvRun(
                        f + 1, fraction, train.size(), dev.size(), test.size(), Math.round(seconds * 10) / 10.0, e));
                log.accept(String.format(
                        Locale.ROOT,
                        "fold %d/%d, fraction %.2f: %d train / %d dev / %d test articles, %.1f s, mean macro-F1 %.3f",
                        f + 1,
                        folds,
                        fraction,
                        train.size(),
                        dev.size(),
                        test.size(),
                        seconds,
                        e.selectionScore()));
            }
        }
        List<CvPoint> points = new ArrayList<>();
        for (double fraction : fr) {
            points.add(CvPoint.of(
                    fraction,
                    runs.stream().filter(r -> r.fraction() == fraction).toList()));
        }
        int paragraphs = articles.stream().mapToInt(a -> a.paragraphs().size()).sum();
        return new CvResult(
                corpus.file(),
                scheme.name(),
                articles.size(),
                paragraphs,
                folds,
                config.seed(),
                config.blocks().wireName(),
                points,
                runs);
    }

    /** The fold (0 .. k-1) of every article: seeded, stratified by article labels, balanced in size. */
    static int[] assignFolds(LabelScheme scheme, List<LabeledArticle> articles, int k, long seed) {
        int n = articles.size();
        List<List<String>> keys = new ArrayList<>();
        Map<String, Integer> freq = new HashMap<>();
        for (LabeledArticle a : articles) {
            List<String> ks = new ArrayList<>();
            for (Task t : scheme.tasks()) {
                for (String l : a.articleLabels().of(t.name())) {
                    ks.add(t.name() + ":" + l);
                }
            }
            keys.add(ks);
            ks.forEach(x -> freq.merge(x, 1, Integer::sum));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] rarity = new int[n];
        String[] rarest = new String[n];
        for (int i = 0; i < n; i++) {
            rarity[i] = Integer.MAX_VALUE;
            for (String x : keys.get(i)) {
                if (freq.get(x) < rarity[i] || (freq.get(x) == rarity[i] && x.compareTo(rarest[i]) < 0)) {
                    rarity[i] = freq.get(x);
                    rarest[i] = x;
                }
            }
        }
        order.sort(Comparator.comparingInt(i -> rarity[i])); // stable: ties keep the seeded order
        int[] fold = new int[n];
        int[] size = new int[k];
        Map<String, int[]> perFold = new HashMap<>();
        int cap = (n + k - 1) / k;
        int floor = n / k;
        int remaining = n;
        for (int i : order) {
            int[] counts = rarest[i] == null ? new int[k] : perFold.computeIfAbsent(rarest[i], x -> new int[k]);
            int deficit = 0;
            for (int f = 0; f < k; f++) {
                deficit += Math.max(0, floor - size[f]);
            }
            int best = -1;
            for (int f = 0; f < k; f++) {
                // Keep fold sizes within floor(n/k) .. ceil(n/k): never use a slot that a short fold still needs.
                if (size[f] >= cap || deficit - (size[f] < floor ? 1 : 0) > remaining - 1) {
                    continue;
                }
                if (best < 0 || counts[f] < counts[best] || (counts[f] == counts[best] && size[f] < size[best])) {
                    best = f;
                }
            }
            fold[i] = best;
            size[best]++;
            remaining--;
            for (String x : keys.get(i)) {
                perFold.computeIfAbsent(x, y -> new int[k])[best]++;
            }
        }
        return fold;
    }
}
