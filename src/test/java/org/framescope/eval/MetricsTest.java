package org.framescope.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed expectations, following scikit-learn's definitions (zero_division = 0). */
class MetricsTest {

    static final boolean T = true, F = false;

    @Test
    void multiLabelMatchesHandComputedValues() {
        boolean[][] gold = {{T, F, T}, {F, T, F}, {T, T, F}, {F, F, F}};
        boolean[][] pred = {{T, F, F}, {F, T, T}, {T, F, F}, {F, F, F}};
        double[][] scores = {{0.9, 0.3, 0.4}, {0.2, 0.7, 0.6}, {0.8, 0.4, 0.1}, {0.1, 0.5, 0.2}};
        TaskMetrics m = Metrics.multiLabel("frames", "paragraph", List.of("x", "y", "z"), gold, scores, pred);
        LabelMetrics y = m.labels().get(1);
        assertThat(new int[]{y.tp(), y.fp(), y.fn(), y.tn()}).containsExactly(1, 0, 1, 2);
        assertThat(y.f1()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(m.labels().get(2).f1()).isZero();
        assertThat(m.micro().precision()).isCloseTo(0.75, within(1e-9));
        assertThat(m.micro().recall()).isCloseTo(0.6, within(1e-9));
        assertThat(m.micro().f1()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(m.macro().precision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(m.macro().recall()).isCloseTo(0.5, within(1e-9));
        assertThat(m.macro().f1()).isCloseTo(5.0 / 9, within(1e-9));
        assertThat(m.weighted().precision()).isCloseTo(0.8, within(1e-9));
        assertThat(m.weighted().f1()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(m.samples().precision()).isCloseTo(0.625, within(1e-9));
        assertThat(m.samples().recall()).isCloseTo(0.5, within(1e-9));
        assertThat(m.samples().f1()).isCloseTo(0.5, within(1e-9));
        assertThat(m.subsetAccuracy()).isCloseTo(0.25, within(1e-9));
        assertThat(m.hammingLoss()).isCloseTo(0.25, within(1e-9));
        assertThat(m.labels().get(0).prAuc()).isCloseTo(1.0, within(1e-9));
        assertThat(m.labels().get(1).prAuc()).isCloseTo(5.0 / 6, within(1e-9));
    }

    @Test
    void singleLabelMatchesHandComputedValues() {
        int[] gold = {0, 1, 2, 1};
        int[] pred = {0, 1, 1, 1};
        double[][] scores = {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.2, 0.5, 0.3}, {0.3, 0.6, 0.1}};
        TaskMetrics m = Metrics.singleLabel("stance", "paragraph", List.of("favor", "against", "none"), gold, scores, pred);
        assertThat(m.accuracy()).isCloseTo(0.75, within(1e-9));
        assertThat(m.labels().get(1).precision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(m.labels().get(1).f1()).isCloseTo(0.8, within(1e-9));
        assertThat(m.macro().f1()).isCloseTo(0.6, within(1e-9));
        assertThat(m.weighted().f1()).isCloseTo(0.65, within(1e-9));
        assertThat(m.confusion()).isEqualTo(new int[][]{{1, 0, 0}, {0, 2, 0}, {0, 1, 0}});
        assertThat(m.ece()).isCloseTo(0.35, within(1e-9));
        assertThat(m.reliability()).hasSize(10);
        assertThat(m.reliability().get(5).count()).isEqualTo(1);
        assertThat(m.reliability().get(5).accuracy()).isZero();
    }

    @Test
    void averagePrecisionHandlesTiesAndNoPositives() {
        // tied scores form one threshold: (0.5 - 0) * 1/2 + (1 - 0.5) * 2/3 = 7/12, as scikit-learn computes it
        assertThat(Metrics.averagePrecision(new boolean[]{T, F, T}, new double[]{0.5, 0.5, 0.1})).isCloseTo(7.0 / 12, within(1e-9));
        assertThat(Metrics.averagePrecision(new boolean[]{F, F}, new double[]{0.5, 0.1})).isZero();
    }

    @Test
    void cohensKappa() {
        // 2x2 table: both yes 20, a-only 5, b-only 10, both no 15 (a classic textbook example): kappa = 0.4
        int[] a = new int[50], b = new int[50];
        for (int i = 0; i < 50; i++) {
            a[i] = i < 25 ? 1 : 0;
            b[i] = i < 20 || (i >= 25 && i < 35) ? 1 : 0;
        }
        Agreement.Kappa k = Agreement.cohen(a, b, 2);
        assertThat(k.observed()).isCloseTo(0.7, within(1e-9));
        assertThat(k.kappa()).isCloseTo(0.4, within(1e-9));
        assertThat(Agreement.cohen(new int[]{1, 1}, new int[]{1, 1}, 2).kappa()).isNaN();
    }
}
