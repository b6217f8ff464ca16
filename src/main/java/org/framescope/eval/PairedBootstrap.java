package org.framescope.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.framescope.model.Level;
import org.framescope.model.Task;

/**
 * Paired bootstrap over articles: draw as many articles as there are, with replacement; score both
 * models on the same draw; repeat. The percentile interval of the differences is the confidence
 * interval. Compared per task and level: micro-F1 and macro-F1 (multi-label tasks), accuracy and
 * macro-F1 (single-label tasks), with the definitions of {@link ClassificationMetrics}.
 */
public final class PairedBootstrap {

    private PairedBootstrap() {}

    /**
     * Compares two models' predictions on the same items by paired bootstrap over articles.
     *
     * @param resamples the number of bootstrap draws
     * @param seed seeds the draws, so the same inputs give the same intervals
     * @param confidence the interval's coverage, between 0 and 1
     * @throws IllegalArgumentException if {@code resamples} is not positive, {@code confidence} is not
     *     strictly between 0 and 1, or the two predictions do not cover the same levels, items and tasks
     */
    public static Comparison compare(Predictions a, Predictions b, int resamples, long seed, double confidence) {
        if (resamples < 1) {
            throw new IllegalArgumentException("the number of bootstrap resamples must be positive");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1");
        }
        checkSameItems(a, b);
        LevelScores articles = a.level(Level.ARTICLE).orElseThrow();
        Map<String, Integer> articleIndex = new LinkedHashMap<>();
        for (EvalItem it : articles.items()) {
            articleIndex.putIfAbsent(it.articleId(), articleIndex.size());
        }
        int nArticles = articleIndex.size();

        record Cell(Level level, String task, String metric, TaskStats sa, TaskStats sb, int[] itemArticle) {}
        List<Cell> cells = new ArrayList<>();
        for (int li = 0; li < a.levels().size(); li++) {
            LevelScores la = a.levels().get(li);
            LevelScores lb = b.levels().get(li);
            int[] itemArticle = la.items().stream()
                    .mapToInt(it -> articleIndex.get(it.articleId()))
                    .toArray();
            for (int k = 0; k < la.tasks().size(); k++) {
                TaskStats sa = new TaskStats(la.tasks().get(k));
                TaskStats sb = new TaskStats(lb.tasks().get(k));
                Task t = la.tasks().get(k).task();
                for (String metric :
                        t.multiLabel() ? List.of("micro_f1", "macro_f1") : List.of("accuracy", "macro_f1")) {
                    cells.add(new Cell(la.level(), t.name(), metric, sa, sb, itemArticle));
                }
            }
        }
        double[][] deltas = new double[cells.size()][resamples];
        Random rnd = new Random(seed);
        double[] articleWeight = new double[nArticles];
        Map<int[], double[]> itemWeights = new java.util.IdentityHashMap<>();
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(articleWeight, 0);
            for (int d = 0; d < nArticles; d++) {
                articleWeight[rnd.nextInt(nArticles)]++;
            }
            itemWeights.clear();
            for (int c = 0; c < cells.size(); c++) {
                Cell cell = cells.get(c);
                double[] w = itemWeights.computeIfAbsent(cell.itemArticle(), ia -> {
                    double[] x = new double[ia.length];
                    for (int i = 0; i < ia.length; i++) {
                        x[i] = articleWeight[ia[i]];
                    }
                    return x;
                });
                deltas[c][r] = cell.sa().metric(cell.metric(), w) - cell.sb().metric(cell.metric(), w);
            }
        }
        List<MetricDelta> out = new ArrayList<>();
        int better = 0, worse = 0, unclear = 0;
        double tail = (1 - confidence) / 2;
        for (int c = 0; c < cells.size(); c++) {
            Cell cell = cells.get(c);
            double[] ones = new double[cell.itemArticle().length];
            Arrays.fill(ones, 1);
            double va = cell.sa().metric(cell.metric(), ones);
            double vb = cell.sb().metric(cell.metric(), ones);
            double[] d = deltas[c].clone();
            Arrays.sort(d);
            double low = quantile(d, tail), high = quantile(d, 1 - tail);
            int le = 0, ge = 0;
            for (double x : d) {
                if (x <= 0) le++;
                if (x >= 0) ge++;
            }
            double p = Math.min(1.0, 2.0 * Math.min(le, ge) / resamples);
            String verdict = low > 0 ? "better" : high < 0 ? "worse" : "no clear difference";
            switch (verdict) {
                case "better" -> better++;
                case "worse" -> worse++;
                default -> unclear++;
            }
            out.add(new MetricDelta(cell.level(), cell.task(), cell.metric(), va, vb, va - vb, low, high, p, verdict));
        }
        String verdict = verdict(a.model(), b.model(), better, worse, unclear, resamples, seed, confidence);
        return new Comparison(
                a.model(), b.model(), a.data(), resamples, seed, confidence, out, better, worse, unclear, verdict);
    }

    static String verdict(
            String a, String b, int better, int worse, int unclear, int resamples, long seed, double confidence) {
        int n = better + worse + unclear;
        String head;
        if (better > 0 && worse == 0) {
            head = a + " is better than " + b;
        } else if (worse > 0 && better == 0) {
            head = b + " is better than " + a;
        } else if (better > 0) {
            head = "mixed: neither model is better everywhere";
        } else {
            head = "no clear difference between " + a + " and " + b;
        }
        return String.format(
                Locale.ROOT,
                "%s (%s better on %d of %d metrics, worse on %d, no clear difference on %d; "
                        + "%.0f%% paired bootstrap intervals over articles, %d resamples, seed %d)",
                head,
                a,
                better,
                n,
                worse,
                unclear,
                confidence * 100,
                resamples,
                seed);
    }

    /** Linear interpolation between order statistics (numpy's default percentile). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void checkSameItems(Predictions a, Predictions b) {
        if (a.levels().size() != b.levels().size()) {
            throw new IllegalArgumentException("the two predictions do not cover the same levels");
        }
        for (int li = 0; li < a.levels().size(); li++) {
            LevelScores la = a.levels().get(li), lb = b.levels().get(li);
            if (la.level() != lb.level() || !la.items().equals(lb.items())) {
                throw new IllegalArgumentException("the two predictions are not on the same " + la.level() + " items");
            }
            if (la.tasks().size() != lb.tasks().size()) {
                throw new IllegalArgumentException("the two models do not have the same tasks");
            }
            for (int k = 0; k < la.tasks().size(); k++) {
                Task ta = la.tasks().get(k).task(), tb = lb.tasks().get(k).task();
                if (!ta.name().equals(tb.name())
                        || ta.type() != tb.type()
                        || !ta.labels().equals(tb.labels())) {
                    throw new IllegalArgumentException("the two models differ on task '" + ta.name() + "'");
                }
            }
        }
    }

    /** Per-item indicator counts of one task, so a weighted metric is a few sums. */
    static final class TaskStats {
        final boolean multi;
        final int n, k;
        final byte[][] tp, fp, fn;
        final boolean[] correct;

        TaskStats(TaskScores s) {
            multi = s.task().multiLabel();
            n = s.size();
            k = s.task().size();
            tp = new byte[n][k];
            fp = new byte[n][k];
            fn = new byte[n][k];
            correct = new boolean[n];
            for (int i = 0; i < n; i++) {
                correct[i] = s.correct(i);
                for (int l = 0; l < k; l++) {
                    boolean g = s.gold()[i][l], p = s.pred()[i][l];
                    tp[i][l] = (byte) (g && p ? 1 : 0);
                    fp[i][l] = (byte) (!g && p ? 1 : 0);
                    fn[i][l] = (byte) (g && !p ? 1 : 0);
                }
            }
        }

        double metric(String name, double[] w) {
            double[] ctp = new double[k], cfp = new double[k], cfn = new double[k];
            double total = 0, right = 0;
            for (int i = 0; i < n; i++) {
                double wi = w[i];
                if (wi == 0) {
                    continue;
                }
                total += wi;
                if (correct[i]) right += wi;
                for (int l = 0; l < k; l++) {
                    ctp[l] += wi * tp[i][l];
                    cfp[l] += wi * fp[i][l];
                    cfn[l] += wi * fn[i][l];
                }
            }
            switch (name) {
                case "accuracy":
                    return ClassificationMetrics.div(right, total);
                case "micro_f1": {
                    double stp = 0, sfp = 0, sfn = 0;
                    for (int l = 0; l < k; l++) {
                        stp += ctp[l];
                        sfp += cfp[l];
                        sfn += cfn[l];
                    }
                    return ClassificationMetrics.f1(
                            ClassificationMetrics.div(stp, stp + sfp), ClassificationMetrics.div(stp, stp + sfn));
                }
                case "macro_f1": {
                    double sum = 0;
                    for (int l = 0; l < k; l++) {
                        sum += ClassificationMetrics.f1(
                                ClassificationMetrics.div(ctp[l], ctp[l] + cfp[l]),
                                ClassificationMetrics.div(ctp[l], ctp[l] + cfn[l]));
                    }
                    return sum / k;
                }
                default:
                    throw new IllegalArgumentException("unknown metric " + name);
            }
        }
    }
}
