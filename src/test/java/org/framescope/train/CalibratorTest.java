package org.framescope.train;

import org.framescope.model.LabelDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibratorTest {

    @Test
    void thresholdMaximisesF1AndPrefersHalfOnTies() {
        double[] p = {0.9, 0.8, 0.35, 0.3, 0.1};
        boolean[] y = {true, true, true, false, false};
        assertThat(Calibrator.bestThreshold(p, y)).isBetween(0.31, 0.35);
        assertThat(Calibrator.bestThreshold(new double[]{0.9, 0.1}, new boolean[]{true, false})).isCloseTo(0.5, within(1e-9));
    }

    /** A jagged dev maximum at the low end of a flat F1 plateau: the threshold goes to the plateau's middle. */
    @Test
    void thresholdTakesTheMiddleOfTheNearOptimalRange() {
        // 20 positives spread over 0.30..0.97; 2 negatives at 0.10 and 0.12: F1 peaks just above 0.12
        // and stays within 0.02 of it until the weakest positives drop out.
        int n = 22;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < 20; i++) {
            p[i] = 0.30 + i * 0.035;
            y[i] = true;
        }
        p[20] = 0.10;
        p[21] = 0.12;
        double t = Calibrator.bestThreshold(p, y);
        // Best F1 (1.0) holds on 0.13..0.30; within 0.02 (one positive lost gives 0.974) it ends there too.
        assertThat(t).isBetween(0.2, 0.23);
        // A negative at 0.14 lowers F1 to 0.976 at 0.13-0.14: the near-optimal range becomes 0.15..0.30.
        double[] p2 = java.util.Arrays.copyOf(p, n + 1);
        boolean[] y2 = java.util.Arrays.copyOf(y, n + 1);
        p2[n] = 0.14;
        assertThat(Calibrator.bestThreshold(p2, y2)).isBetween(0.2, 0.23);
    }

    @Test
    void plattShrinksOverconfidentScores() {
        // Scores at 0.99/0.01 but only 75% right: calibration must pull them toward the middle.
        int n = 400;
        double[] z = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean high = i % 2 == 0;
            z[i] = high ? 4.6 : -4.6;
            y[i] = high ? i % 8 != 0 : i % 8 == 1;
        }
        double[] ab = Calibrator.platt(z, y);
        double calibratedHigh = new LabelDecision(ab[0], ab[1], 0.5).calibrate(0.99);
        assertThat(calibratedHigh).isBetween(0.7, 0.8);
    }
}
