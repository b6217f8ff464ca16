package org.framescope.corpus;

import java.util.List;

/** Inter-annotator agreement: observed agreement and Cohen's kappa. */
public final class Agreement {

    private Agreement() {}

    /** Observed agreement and kappa between two annotators' category codes. */
    public record Kappa(int items, double observed, double kappa) {}

    /**
     * Cohen's kappa over paired category codes in [0, categories). When both annotators always use
     * the same single category, kappa is undefined (reported as NaN).
     */
    public static Kappa cohen(int[] a, int[] b, int categories) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("annotations differ in length");
        }
        int n = a.length;
        if (n == 0) {
            return new Kappa(0, Double.NaN, Double.NaN);
        }
        double[] pa = new double[categories];
        double[] pb = new double[categories];
        int agree = 0;
        for (int i = 0; i < n; i++) {
            pa[a[i]]++;
            pb[b[i]]++;
            if (a[i] == b[i]) {
                agree++;
            }
        }
        double po = (double) agree / n;
        double pe = 0;
        for (int c = 0; c < categories; c++) {
            pe += (pa[c] / n) * (pb[c] / n);
        }
        double kappa = pe >= 1.0 ? Double.NaN : (po - pe) / (1 - pe);
        return new Kappa(n, po, kappa);
    }

    /** Cohen's kappa between two raters' yes/no decisions on the same items. */
    public static Kappa binary(List<Boolean> a, List<Boolean> b) {
        int[] x = a.stream().mapToInt(v -> v ? 1 : 0).toArray();
        int[] y = b.stream().mapToInt(v -> v ? 1 : 0).toArray();
        return cohen(x, y, 2);
    }
}
