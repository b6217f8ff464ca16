package org.framescope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.framescope.model.LabelDecision;
import org.junit.jupiter.api.Test;

class CalibratorTest {

    @Test
    void thresholdMaximisesF1AndPrefersHalfOnTies() {
        double[] p = {0.9, 0.8, 0.35, 0.3, 0.1};
        boolean[] y = {true, true, true, false, false};
        assertThat(Calibrator.bestThreshold(p, y)).isBetween(0.31, 0.35);
        assertThat(Calibrator.bestThreshold(new double[] {0.9, 0.1}, new boolean[] {true, false}))
                .isCloseTo(0.5, within(1e-9));
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
