package org.framescope.train;

import java.util.Arrays;

/**
 * L2-penalised, class-weighted logistic regression for few examples in many dimensions, solved in
 * its dual: the weights are a combination of the training rows ({@code w = sum_i alpha_i x_i}), so
 * only the rows' dot products (the Gram matrix) enter and Newton's method runs on one unknown per
 * example instead of one per feature (tens of thousands). Minimises
 * {@code sum_i c_i log-loss(y_i, w.x_i + b) / n + (lambda / 2) |w|^2}; the bias is not penalised.
 * Deterministic.
 */
final class KernelLogistic {

    private static final int MAX_ITER = 50;

    private KernelLogistic() {}

    /** A sparse row with sorted indices (a dense one lists every index). */
    record Row(int[] idx, double[] val) {

        double dot(Row o) {
            double s = 0;
            int i = 0, j = 0;
            while (i < idx.length && j < o.idx.length) {
                if (idx[i] == o.idx[j]) {
                    s += val[i++] * o.val[j++];
                } else if (idx[i] < o.idx[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return s;
        }

        double dot(double[] w) {
            double s = 0;
            for (int k = 0; k < idx.length; k++) {
                s += val[k] * w[idx[k]];
            }
            return s;
        }
    }

    /** A fitted model in dual form over the training rows of {@code gram}: {@code z = sum_j alpha_j K(j, x) + b}. */
    record Dual(int[] rows, double[] alpha, double b) {

        /** The decision value of item {@code i} of the Gram matrix. */
        double z(double[][] gram, int i) {
            double s = b;
            for (int j = 0; j < rows.length; j++) {
                s += alpha[j] * gram[rows[j]][i];
            }
            return s;
        }

        /** The primal weights over {@code dim} features. */
        double[] weights(Row[] x, int dim) {
            double[] w = new double[dim];
            for (int j = 0; j < rows.length; j++) {
                Row r = x[rows[j]];
                for (int k = 0; k < r.idx.length; k++) {
                    w[r.idx[k]] += alpha[j] * r.val[k];
                }
            }
            return w;
        }
    }

    /** All dot products of the rows. */
    static double[][] gram(Row[] x) {
        double[][] k = new double[x.length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = i; j < x.length; j++) {
                k[i][j] = k[j][i] = x[i].dot(x[j]);
            }
        }
        return k;
    }

    /**
     * Fits on a subset of the items.
     *
     * @param gram   dot products of all items
     * @param rows   the items to train on
     * @param y      every item's class
     * @param lambda the L2 penalty (per mean loss, as above)
     * @return the model, with class weights balancing positives and negatives
     */
    static Dual fit(double[][] gram, int[] rows, boolean[] y, double lambda) {
        int n = rows.length;
        int pos = 0;
        for (int r : rows) {
            pos += y[r] ? 1 : 0;
        }
        if (pos == 0 || pos == n) {
            throw new IllegalArgumentException("logistic regression needs both classes");
        }
        double[] c = new double[n];
        double[][] k = new double[n][n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            // Balanced class weights summing to n: a handful of positives must not drown in negatives.
            c[i] = y[rows[i]] ? n / (2.0 * pos) : n / (2.0 * (n - pos));
            t[i] = y[rows[i]] ? 1 : 0;
            for (int j = 0; j < n; j++) {
                k[i][j] = gram[rows[i]][rows[j]];
            }
        }
        double big = n * lambda; // the penalty of the summed (not mean) loss
        double[] alpha = new double[n];
        double b = 0;
        double f = objective(k, c, t, alpha, b, big);
        for (int iter = 0; iter < MAX_ITER; iter++) {
            double[] z = decision(k, alpha, b);
            double[] g = new double[n];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(z[i]);
                g[i] = c[i] * (p - t[i]);
                d[i] = c[i] * p * (1 - p);
            }
            // Newton's system, reduced by K (exact when K is invertible, a descent direction otherwise):
            // (D K + big I) da + D 1 db = g + big alpha ;  1' D K da + 1' D 1 db = 1' g
            double[][] a = new double[n + 1][n + 2];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = d[i] * k[i][j];
                    a[n][j] += d[i] * k[i][j];
                }
                a[i][i] += big;
                a[i][n] = d[i];
                a[n][n] += d[i];
                a[i][n + 1] = g[i] + big * alpha[i];
                a[n][n + 1] += g[i];
            }
            double[] step = solve(a, n + 1);
            if (step == null) {
                break;
            }
            double s = 1, fNew = Double.NaN;
            double[] trial = new double[n];
            double bTrial = b;
            for (int half = 0; half < 40; half++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = alpha[i] - s * step[i];
                }
                bTrial = b - s * step[n];
                fNew = objective(k, c, t, trial, bTrial, big);
                if (fNew <= f) {
                    break;
                }
                s /= 2;
            }
            if (!(fNew <= f)) {
                break;
            }
            System.arraycopy(trial, 0, alpha, 0, n);
            b = bTrial;
            boolean converged = f - fNew < 1e-10 * Math.max(1, f);
            f = fNew;
            if (converged) {
                break;
            }
        }
        return new Dual(rows.clone(), alpha, b);
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double[] decision(double[][] k, double[] alpha, double b) {
        double[] z = new double[alpha.length];
        for (int i = 0; i < z.length; i++) {
            double s = b;
            for (int j = 0; j < alpha.length; j++) {
                s += k[i][j] * alpha[j];
            }
            z[i] = s;
        }
        return z;
    }

    private static double objective(double[][] k, double[] c, double[] t, double[] alpha, double b, double big) {
        double[] z = decision(k, alpha, b);
        double loss = 0, norm = 0;
        for (int i = 0; i < z.length; i++) {
            // log(1 + e^z) - t z, computed stably
            loss += c[i] * (Math.max(z[i], 0) + Math.log1p(Math.exp(-Math.abs(z[i]))) - t[i] * z[i]);
            norm += alpha[i] * (z[i] - b); // alpha' K alpha
        }
        return loss + big / 2 * norm;
    }

    /** Gaussian elimination with partial pivoting on an augmented [m][m+1] system; null when singular. */
    private static double[] solve(double[][] a, int m) {
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][col]) < 1e-300) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[piv];
            a[piv] = tmp;
            double[] pr = a[col];
            for (int r = col + 1; r < m; r++) {
                double[] row = a[r];
                double fct = row[col] / pr[col];
                if (fct == 0) {
                    continue;
                }
                for (int j = col; j <= m; j++) {
                    row[j] -= fct * pr[j];
                }
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double s = a[r][m];
            for (int j = r + 1; j < m; j++) {
                s -= a[r][j] * x[j];
            }
            x[r] = s / a[r][r];
        }
        return Arrays.copyOf(x, m);
    }
}
