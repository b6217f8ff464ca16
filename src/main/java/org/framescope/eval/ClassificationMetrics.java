package org.framescope.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.framescope.model.Level;

/**
 * Metric definitions, following scikit-learn's conventions (zero_division = 0, average_precision
 * for PR-AUC) so numbers can be compared with the Python ecosystem.
 */
public final class ClassificationMetrics {

    public static final int BINS = 10;

    private ClassificationMetrics() {}

    static double div(double a, double b) {
        return b == 0 ? 0.0 : a / b;
    }

    static double f1(double p, double r) {
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /**
     * @param gold   [item][label]
     * @param scores [item][label] calibrated probabilities
     * @param pred   [item][label] decisions
     */
    public static TaskMetrics multiLabel(
            String task, Level level, List<String> labels, boolean[][] gold, double[][] scores, boolean[][] pred) {
        return multiLabel(task, level, labels, gold, scores, pred, null);
    }

    /**
     * @param thresholds the model's per-label thresholds (recorded with the curves), or null
     */
    public static TaskMetrics multiLabel(
            String task,
            Level level,
            List<String> labels,
            boolean[][] gold,
            double[][] scores,
            boolean[][] pred,
            double[] thresholds) {
        int n = gold.length;
        int k = labels.size();
        List<LabelMetrics> per = new ArrayList<>();
        List<LabelCurves> curves = new ArrayList<>();
        int stp = 0, sfp = 0, sfn = 0, totalSupport = 0;
        double macroP = 0, macroR = 0, macroF = 0, wP = 0, wR = 0, wF = 0;
        for (int l = 0; l < k; l++) {
            int tp = 0, fp = 0, fn = 0, tn = 0;
            boolean[] g = new boolean[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = gold[i][l];
                s[i] = scores[i][l];
                if (gold[i][l] && pred[i][l]) tp++;
                else if (!gold[i][l] && pred[i][l]) fp++;
                else if (gold[i][l]) fn++;
                else tn++;
            }
            double p = div(tp, tp + fp), r = div(tp, tp + fn), f = f1(p, r);
            int support = tp + fn;
            per.add(new LabelMetrics(labels.get(l), tp, fp, fn, tn, p, r, f, support, averagePrecision(g, s)));
            curves.add(curves(labels.get(l), thresholds == null ? null : thresholds[l], g, s));
            stp += tp;
            sfp += fp;
            sfn += fn;
            totalSupport += support;
            macroP += p;
            macroR += r;
            macroF += f;
            wP += p * support;
            wR += r * support;
            wF += f * support;
        }
        double microP = div(stp, stp + sfp), microR = div(stp, stp + sfn);
        double sP = 0, sR = 0, sF = 0;
        int exact = 0, wrongCells = 0, empty = 0, emptyAlarms = 0;
        for (int i = 0; i < n; i++) {
            int tp = 0, np = 0, ng = 0;
            boolean same = true;
            for (int l = 0; l < k; l++) {
                if (gold[i][l] && pred[i][l]) tp++;
                if (pred[i][l]) np++;
                if (gold[i][l]) ng++;
                if (gold[i][l] != pred[i][l]) {
                    same = false;
                    wrongCells++;
                }
            }
            double p = div(tp, np), r = div(tp, ng);
            sP += p;
            sR += r;
            sF += f1(p, r);
            if (same) exact++;
            if (ng == 0) {
                empty++;
                if (np > 0) emptyAlarms++;
            }
        }
        List<double[]> forecasts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                forecasts.add(new double[] {scores[i][l], gold[i][l] ? 1 : 0});
            }
        }
        List<ReliabilityBin> bins = reliability(forecasts);
        return new TaskMetrics(
                task,
                "multi_label",
                level,
                n,
                per,
                new Averages(microP, microR, f1(microP, microR)),
                new Averages(macroP / k, macroR / k, macroF / k),
                new Averages(div(wP, totalSupport), div(wR, totalSupport), div(wF, totalSupport)),
                new Averages(div(sP, n), div(sR, n), div(sF, n)),
                div(exact, n),
                div(wrongCells, (double) n * k),
                null,
                null,
                ece(bins, forecasts.size()),
                bins,
                curves,
                empty == 0 ? null : div(emptyAlarms, empty));
    }

    /**
     * @param gold   [item] gold class index
     * @param scores [item][class] calibrated probabilities
     * @param pred   [item] predicted class index
     */
    public static TaskMetrics singleLabel(
            String task, Level level, List<String> labels, int[] gold, double[][] scores, int[] pred) {
        int n = gold.length;
        int k = labels.size();
        int[][] confusion = new int[k][k];
        for (int i = 0; i < n; i++) {
            confusion[gold[i]][pred[i]]++;
        }
        List<LabelMetrics> per = new ArrayList<>();
        List<LabelCurves> curves = new ArrayList<>();
        double macroP = 0, macroR = 0, macroF = 0, wP = 0, wR = 0, wF = 0;
        int correct = 0;
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int fp = 0, fn = 0;
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    fp += confusion[o][c];
                    fn += confusion[c][o];
                }
            }
            int tn = n - tp - fp - fn;
            correct += tp;
            double p = div(tp, tp + fp), r = div(tp, tp + fn), f = f1(p, r);
            int support = tp + fn;
            boolean[] g = new boolean[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = gold[i] == c;
                s[i] = scores[i][c];
            }
            per.add(new LabelMetrics(labels.get(c), tp, fp, fn, tn, p, r, f, support, averagePrecision(g, s)));
            curves.add(curves(labels.get(c), null, g, s));
            macroP += p;
            macroR += r;
            macroF += f;
            wP += p * support;
            wR += r * support;
            wF += f * support;
        }
        double acc = div(correct, n);
        List<double[]> forecasts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            forecasts.add(new double[] {scores[i][pred[i]], gold[i] == pred[i] ? 1 : 0});
        }
        List<ReliabilityBin> bins = reliability(forecasts);
        return new TaskMetrics(
                task,
                "single_label",
                level,
                n,
                per,
                new Averages(acc, acc, acc), // micro averages equal accuracy for single-label data
                new Averages(macroP / k, macroR / k, macroF / k),
                new Averages(div(wP, n), div(wR, n), div(wF, n)),
                null,
                null,
                null,
                acc,
                confusion,
                ece(bins, n),
                bins,
                curves,
                null);
    }

    /**
     * scikit-learn's average_precision_score: sum over distinct thresholds (descending) of
     * (R_t - R_{t-1}) * P_t. 0 when the label has no positives (scikit-learn warns and returns 0 too).
     */
    public static double averagePrecision(boolean[] gold, double[] score) {
        int n = gold.length;
        int positives = 0;
        for (boolean g : gold) {
            if (g) positives++;
        }
        if (positives == 0) {
            return 0.0;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        double ap = 0, prevRecall = 0;
        int tp = 0, seen = 0;
        for (int j = 0; j < n; ) {
            double s = score[order[j]];
            while (j < n
                    && Double.compare(score[order[j]], s)
                            == 0) { // compare(): NaN groups with NaN, so the loop always advances
                if (gold[order[j]]) tp++;
                seen++;
                j++;
            }
            double recall = (double) tp / positives;
            double precision = (double) tp / seen;
            ap += (recall - prevRecall) * precision;
            prevRecall = recall;
        }
        return ap;
    }

    /**
     * scikit-learn's precision_recall_curve without its appended (recall 0, precision 1) end point:
     * one point per distinct score, highest threshold first. Empty when there are no positives.
     */
    public static List<PrPoint> prCurve(boolean[] gold, double[] score) {
        int n = gold.length;
        int positives = 0;
        for (boolean g : gold) {
            if (g) positives++;
        }
        List<PrPoint> out = new ArrayList<>();
        if (positives == 0) {
            return out;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        int tp = 0, seen = 0;
        for (int j = 0; j < n; ) {
            double s = score[order[j]];
            while (j < n && Double.compare(score[order[j]], s) == 0) {
                if (gold[order[j]]) tp++;
                seen++;
                j++;
            }
            out.add(new PrPoint(s, (double) tp / seen, (double) tp / positives));
        }
        return out;
    }

    /**
     * Thresholds of the sweep: 0.05, 0.06, ..., 0.95. The trainer tunes each label's threshold on
     * this same grid with {@link #best}, so a report's "best threshold" is found as the model's was.
     */
    public static final List<Double> SWEEP = java.util.stream.IntStream.rangeClosed(5, 95)
            .mapToObj(i -> i / 100.0)
            .toList();

    /**
     * The sweep point with the highest F1; among equal ones, the threshold closest to 0.5 (a plateau's
     * middle generalises better than its edge), then the lower one.
     */
    public static ThresholdPoint best(List<ThresholdPoint> sweep) {
        ThresholdPoint best = sweep.get(0);
        for (ThresholdPoint p : sweep) {
            boolean tie = Math.abs(p.f1() - best.f1()) <= 1e-12;
            if (p.f1() > best.f1() + 1e-12
                    || tie && Math.abs(p.threshold() - 0.5) < Math.abs(best.threshold() - 0.5) - 1e-12) {
                best = p;
            }
        }
        return best;
    }

    /** Counts and scores of predicting the label at {@code score >= t}, for every sweep threshold. */
    public static List<ThresholdPoint> thresholdSweep(boolean[] gold, double[] score) {
        List<ThresholdPoint> out = new ArrayList<>();
        for (double t : SWEEP) {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < gold.length; i++) {
                boolean p = score[i] >= t;
                if (p && gold[i]) tp++;
                else if (p) fp++;
                else if (gold[i]) fn++;
            }
            double pr = div(tp, tp + fp), rc = div(tp, tp + fn);
            out.add(new ThresholdPoint(t, tp, fp, fn, pr, rc, f1(pr, rc)));
        }
        return out;
    }

    static LabelCurves curves(String label, Double threshold, boolean[] gold, double[] score) {
        List<ThresholdPoint> sweep = thresholdSweep(gold, score);
        ThresholdPoint best = best(sweep);
        return new LabelCurves(label, threshold, prCurve(gold, score), sweep, best.threshold(), best.f1());
    }

    /** Equal-width bins over [0, 1]; the last bin includes 1.0. Each forecast is {probability, outcome}. */
    static List<ReliabilityBin> reliability(List<double[]> forecasts) {
        int[] count = new int[BINS];
        double[] conf = new double[BINS];
        double[] acc = new double[BINS];
        for (double[] f : forecasts) {
            int b = Math.min(BINS - 1, (int) Math.floor(f[0] * BINS));
            count[b]++;
            conf[b] += f[0];
            acc[b] += f[1];
        }
        List<ReliabilityBin> out = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            out.add(new ReliabilityBin(
                    (double) b / BINS,
                    (double) (b + 1) / BINS,
                    count[b],
                    div(conf[b], count[b]),
                    div(acc[b], count[b])));
        }
        return out;
    }

    /** Expected calibration error: bin-size-weighted mean |accuracy - confidence|. */
    static double ece(List<ReliabilityBin> bins, int total) {
        double e = 0;
        for (ReliabilityBin b : bins) {
            e += div(b.count(), total) * Math.abs(b.accuracy() - b.meanConfidence());
        }
        return e;
    }
}
