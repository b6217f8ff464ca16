package org.framescope.train;

import java.util.ArrayList;
import java.util.List;
import org.framescope.model.Calibration;
import org.framescope.model.LabelDecision;
import org.framescope.model.Task;
import org.framescope.model.TaskDecision;

/**
 * Fits calibration and decision thresholds on dev data: Platt scaling per label and an F1-optimal
 * threshold per label for multi-label tasks, temperature scaling for single-label tasks. The one Platt
 * scaling of the project (few-shot labels use it too) and the one threshold sweep (eval's): our own
 * rather than a library's because each is a few dozen tested lines and the libraries that have them
 * (Smile, Commons Math) would bring far more than they replace.
 */
public final class Calibrator {

    /** Ridge pull of Platt parameters toward the identity (a=1, b=0); keeps tiny dev sets sane. */
    private static final double RIDGE = 1.0;
    /** Below this many dev positives a label keeps the 0.5 threshold: too few to tune on. */
    static final int MIN_POSITIVES = 3;

    private Calibrator() {}

    /**
     * @param raw  [item][label] network probabilities
     * @param gold [item][label] 0/1 (multi-label) or one-hot (single-label)
     */
    public static TaskDecision fit(Task task, double[][] raw, boolean[][] gold) {
        if (raw.length == 0) {
            return TaskDecision.identity(task);
        }
        if (!task.multiLabel()) {
            return new TaskDecision(List.of(), fitTemperature(raw, gold));
        }
        List<LabelDecision> out = new ArrayList<>();
        for (int l = 0; l < task.size(); l++) {
            double[] z = new double[raw.length];
            boolean[] y = new boolean[raw.length];
            int pos = 0;
            for (int i = 0; i < raw.length; i++) {
                z[i] = Calibration.logit(raw[i][l]);
                y[i] = gold[i][l];
                if (y[i]) pos++;
            }
            double[] ab = platt(z, y);
            double[] cal = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                cal[i] = Calibration.sigmoid(ab[0] * z[i] + ab[1]);
            }
            double threshold = pos < MIN_POSITIVES ? 0.5 : bestThreshold(cal, y);
            out.add(new LabelDecision(ab[0], ab[1], threshold));
        }
        return new TaskDecision(out, 1.0);
    }

    /**
     * Newton's method with backtracking on the ridge-penalised logistic loss of y ~ sigmoid(a z + b).
     * Backtracking matters: from a = 1 on confident scores the Hessian is tiny and a full step overshoots.
     */
    static double[] platt(double[] z, boolean[] y) {
        double a = 1, b = 0;
        double f = plattLoss(z, y, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double ga = RIDGE * (a - 1), gb = RIDGE * b;
            double haa = RIDGE, hab = 0, hbb = RIDGE;
            for (int i = 0; i < z.length; i++) {
                double p = Calibration.sigmoid(a * z[i] + b);
                double r = p - (y[i] ? 1 : 0);
                double w = p * (1 - p);
                ga += r * z[i];
                gb += r;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-12) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            double fNew = plattLoss(z, y, a - da, b - db);
            while (fNew > f && step > 1e-6) {
                step /= 2;
                fNew = plattLoss(z, y, a - step * da, b - step * db);
            }
            if (fNew > f) {
                break;
            }
            a -= step * da;
            b -= step * db;
            boolean converged = f - fNew < 1e-10;
            f = fNew;
            if (converged) {
                break;
            }
        }
        // A negative slope would invert the ranking; never let calibration do that.
        return a > 1e-3 ? new double[] {a, b} : new double[] {1, 0};
    }

    private static double plattLoss(double[] z, boolean[] y, double a, double b) {
        double loss = 0.5 * RIDGE * ((a - 1) * (a - 1) + b * b);
        for (int i = 0; i < z.length; i++) {
            double t = a * z[i] + b;
            // log(1 + e^t) - y t, computed stably
            loss += Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t))) - (y[i] ? t : 0);
        }
        return loss;
    }

    /** The threshold in [0.05, 0.95] (step 0.01) with the best F1; ties go to the one closest to 0.5. One sweep for training and reports. */
    static double bestThreshold(double[] p, boolean[] y) {
        return org.framescope.eval.ClassificationMetrics.best(
                        org.framescope.eval.ClassificationMetrics.thresholdSweep(y, p))
                .threshold();
    }

    static double fitTemperature(double[][] raw, boolean[][] gold) {
        double bestT = 1, bestNll = Double.MAX_VALUE;
        for (int k = 0; k <= 60; k++) {
            double t = Math.exp(Math.log(0.2) + k * (Math.log(5.0) - Math.log(0.2)) / 60);
            double nll = 0;
            for (int i = 0; i < raw.length; i++) {
                double[] p = Calibration.softmaxWithTemperature(raw[i], t);
                for (int c = 0; c < p.length; c++) {
                    if (gold[i][c]) {
                        nll -= Math.log(Math.max(1e-12, p[c]));
                    }
                }
            }
            if (nll < bestNll) {
                bestNll = nll;
                bestT = t;
            }
        }
        return bestT;
    }
}
