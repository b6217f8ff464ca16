package org.framescope.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.framescope.corpus.Agreement;
import org.framescope.model.Level;
import org.junit.jupiter.api.Test;

/** Hand-computed expectations, following scikit-learn's definitions (zero_division = 0). */
class ClassificationMetricsTest {

    static final boolean T = true, F = false;

    /** Doubles equal to 1e-12. */
    static final java.util.Comparator<Double> CLOSE = (x, y) -> Math.abs(x - y) < 1e-12 ? 0 : Double.compare(x, y);

    @Test
    void multiLabelMatchesHandComputedValues() {
        boolean[][] gold = {{T, F, T}, {F, T, F}, {T, T, F}, {F, F, F}};
        boolean[][] pred = {{T, F, F}, {F, T, T}, {T, F, F}, {F, F, F}};
        double[][] scores = {{0.9, 0.3, 0.4}, {0.2, 0.7, 0.6}, {0.8, 0.4, 0.1}, {0.1, 0.5, 0.2}};
        TaskMetrics m =
                ClassificationMetrics.multiLabel("frames", Level.PARAGRAPH, List.of("x", "y", "z"), gold, scores, pred);
        LabelMetrics y = m.labels().get(1);
        assertThat(new int[] {y.tp(), y.fp(), y.fn(), y.tn()}).containsExactly(1, 0, 1, 2);
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
        TaskMetrics m = ClassificationMetrics.singleLabel(
                "stance", Level.PARAGRAPH, List.of("favor", "against", "none"), gold, scores, pred);
        assertThat(m.accuracy()).isCloseTo(0.75, within(1e-9));
        assertThat(m.labels().get(1).precision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(m.labels().get(1).f1()).isCloseTo(0.8, within(1e-9));
        assertThat(m.macro().f1()).isCloseTo(0.6, within(1e-9));
        assertThat(m.weighted().f1()).isCloseTo(0.65, within(1e-9));
        assertThat(m.confusion()).isEqualTo(new int[][] {{1, 0, 0}, {0, 2, 0}, {0, 1, 0}});
        assertThat(m.ece()).isCloseTo(0.35, within(1e-9));
        assertThat(m.reliability()).hasSize(10);
        assertThat(m.reliability().get(5).count()).isEqualTo(1);
        assertThat(m.reliability().get(5).accuracy()).isZero();
    }

    @Test
    void averagePrecisionHandlesTiesAndNoPositives() {
        // tied scores form one threshold: (0.5 - 0) * 1/2 + (1 - 0.5) * 2/3 = 7/12, as scikit-learn computes it
        assertThat(ClassificationMetrics.averagePrecision(new boolean[] {T, F, T}, new double[] {0.5, 0.5, 0.1}))
                .isCloseTo(7.0 / 12, within(1e-9));
        assertThat(ClassificationMetrics.averagePrecision(new boolean[] {F, F}, new double[] {0.5, 0.1}))
                .isZero();
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
        assertThat(Agreement.cohen(new int[] {1, 1}, new int[] {1, 1}, 2).kappa())
                .isNaN();
    }

    // ---- scikit-learn conventions. Expected values below were computed once with scikit-learn 1.2.1
    // (Debian python3-sklearn): precision_recall_fscore_support(..., zero_division=0) for average=None,
    // micro, macro, weighted and samples; accuracy_score; hamming_loss; multilabel_confusion_matrix;
    // confusion_matrix; average_precision_score; precision_recall_curve. No Python runs at test time.

    static final boolean[][] SK_GOLD = {
        {T, F, T, F}, {F, T, F, F}, {T, T, F, F}, {F, F, F, F}, {T, F, F, F}, {F, T, T, F}
    };
    static final boolean[][] SK_PRED = {
        {T, F, F, F}, {F, T, T, F}, {T, F, F, F}, {F, F, F, T}, {T, T, F, F}, {F, T, T, F}
    };
    static final double[][] SK_SCORES = {
        {0.9, 0.2, 0.45, 0.1},
        {0.3, 0.8, 0.6, 0.2},
        {0.7, 0.45, 0.3, 0.05},
        {0.2, 0.1, 0.2, 0.55},
        {0.7, 0.6, 0.1, 0.3},
        {0.1, 0.9, 0.7, 0.2}
    };

    static TaskMetrics skMulti() {
        return ClassificationMetrics.multiLabel(
                "frames", Level.PARAGRAPH, List.of("a", "b", "c", "d"), SK_GOLD, SK_SCORES, SK_PRED, new double[] {
                    0.5, 0.5, 0.5, 0.5
                });
    }

    @Test
    void multiLabelMatchesScikitLearn() {
        TaskMetrics m = skMulti();
        // average=None: label d has no gold positives and one false positive -> 0 everywhere (zero_division=0)
        assertThat(m.labels()).extracting(LabelMetrics::precision).containsExactly(1.0, 2.0 / 3, 0.5, 0.0);
        assertThat(m.labels()).extracting(LabelMetrics::f1).containsExactly(1.0, 2.0 / 3, 0.5, 0.0);
        assertThat(m.labels()).extracting(LabelMetrics::support).containsExactly(3, 3, 2, 0);
        assertThat(m.micro().precision()).isCloseTo(0.6666666666666666, within(1e-12));
        assertThat(m.micro().recall()).isCloseTo(0.75, within(1e-12));
        assertThat(m.micro().f1()).isCloseTo(0.7058823529411765, within(1e-12));
        assertThat(m.macro().precision()).isCloseTo(0.5416666666666666, within(1e-12));
        assertThat(m.macro().recall()).isCloseTo(0.5416666666666666, within(1e-12));
        assertThat(m.macro().f1()).isCloseTo(0.5416666666666666, within(1e-12));
        assertThat(m.weighted().precision()).isCloseTo(0.75, within(1e-12));
        assertThat(m.weighted().recall()).isCloseTo(0.75, within(1e-12));
        assertThat(m.weighted().f1()).isCloseTo(0.75, within(1e-12));
        // samples: the item with no gold and no prediction-match counts 0 (zero_division=0)
        assertThat(m.samples().precision()).isCloseTo(0.6666666666666666, within(1e-12));
        assertThat(m.samples().recall()).isCloseTo(0.6666666666666666, within(1e-12));
        assertThat(m.samples().f1()).isCloseTo(0.611111111111111, within(1e-12));
        assertThat(m.subsetAccuracy()).isCloseTo(0.16666666666666666, within(1e-12));
        assertThat(m.hammingLoss()).isCloseTo(0.20833333333333334, within(1e-12));
        // multilabel_confusion_matrix: [[tn, fp], [fn, tp]] per label
        int[][][] mcm = {{{3, 0}, {0, 3}}, {{2, 1}, {1, 2}}, {{3, 1}, {1, 1}}, {{5, 1}, {0, 0}}};
        for (int l = 0; l < 4; l++) {
            LabelMetrics x = m.labels().get(l);
            assertThat(new int[][] {{x.tn(), x.fp()}, {x.fn(), x.tp()}})
                    .as("label " + l)
                    .isEqualTo(mcm[l]);
        }
        assertThat(m.labels())
                .extracting(LabelMetrics::prAuc)
                .usingComparatorForType(CLOSE, Double.class)
                .containsExactly(1.0, 0.9166666666666665, 0.8333333333333333, 0.0);
    }

    @Test
    void prCurveMatchesScikitLearnReversed() {
        // precision_recall_curve(gold[:,2], scores[:,2]) gives, by increasing threshold 0.1 0.2 0.3 0.45 0.6 0.7:
        // precision [1/3, 0.4, 0.5, 2/3, 0.5, 1.0] and recall [1, 1, 1, 1, 0.5, 0.5] (then its end point 1, 0)
        List<PrPoint> c = skMulti().curves().get(2).pr();
        assertThat(c).extracting(PrPoint::threshold).containsExactly(0.7, 0.6, 0.45, 0.3, 0.2, 0.1);
        assertThat(c)
                .extracting(PrPoint::precision)
                .usingComparatorForType(CLOSE, Double.class)
                .containsExactly(1.0, 0.5, 2.0 / 3, 0.5, 0.4, 1.0 / 3);
        assertThat(c).extracting(PrPoint::recall).containsExactly(0.5, 0.5, 1.0, 1.0, 1.0, 1.0);
        assertThat(skMulti().curves().get(3).pr()).as("no positives: no curve").isEmpty();
        // average precision is the step integral of this curve
        double ap = 0, prev = 0;
        for (PrPoint p : c) {
            ap += (p.recall() - prev) * p.precision();
            prev = p.recall();
        }
        assertThat(ap).isCloseTo(skMulti().labels().get(2).prAuc(), within(1e-12));
    }

    @Test
    void thresholdSweepCountsAndBestThreshold() {
        LabelCurves b = skMulti().curves().get(1); // gold items 1, 2, 5; scores 0.2 0.8 0.45 0.1 0.6 0.9
        assertThat(b.threshold()).isEqualTo(0.5);
        assertThat(b.sweep()).hasSize(91);
        assertThat(b.sweep())
                .extracting(ThresholdPoint::threshold)
                .startsWith(0.05, 0.06, 0.07)
                .endsWith(0.95);
        ThresholdPoint at50 = b.sweep().get(45);
        assertThat(at50.threshold()).isEqualTo(0.5);
        assertThat(new int[] {at50.tp(), at50.fp(), at50.fn()}).containsExactly(2, 1, 1);
        assertThat(at50.f1()).isCloseTo(2.0 / 3, within(1e-12));
        ThresholdPoint at45 = b.sweep().get(40); // score 0.45 counts: predicted at score >= threshold
        assertThat(new int[] {at45.tp(), at45.fp(), at45.fn()}).containsExactly(3, 1, 0);
        ThresholdPoint at20 = b.sweep().get(15);
        assertThat(new int[] {at20.tp(), at20.fp(), at20.fn()}).containsExactly(3, 2, 0);
        assertThat(at20.f1()).isCloseTo(0.75, within(1e-12));
        // F1 6/7 from 0.21 to 0.45: the one closest to 0.5 is reported, as the trainer chooses
        assertThat(b.bestThreshold()).isEqualTo(0.45);
        assertThat(b.bestF1()).isCloseTo(6.0 / 7, within(1e-12));
    }

    @Test
    void multiLabelEceByHand() {
        // 24 forecasts (item x label) in bins of 0.1: n * |accuracy - confidence| per bin:
        // [0,.1) 1*.05  [.1,.2) 4*.1  [.2,.3) 5*.2  [.3,.4) 3*.3  [.4,.5) 2*|1-.45|  [.5,.6) 1*.55
        // [.6,.7) 2*.6  [.7,.8) 3*|1-.7|  [.8,.9) 1*.2  [.9,1] 2*.1  -> sum 6.5, ECE 6.5/24
        TaskMetrics m = skMulti();
        assertThat(m.ece()).isCloseTo(6.5 / 24, within(1e-12));
        assertThat(m.reliability()).extracting(ReliabilityBin::count).containsExactly(1, 4, 5, 3, 2, 1, 2, 3, 1, 2);
        assertThat(m.reliability().get(4).meanConfidence()).isCloseTo(0.45, within(1e-12));
        assertThat(m.reliability().get(4).accuracy()).isEqualTo(1.0);
    }

    @Test
    void singleLabelMatchesScikitLearn() {
        int[] gold = {0, 1, 2, 2, 1, 0, 2};
        int[] pred = {0, 2, 2, 1, 1, 0, 0};
        double[][] scores = {
            {0.8, 0.1, 0.1},
            {0.2, 0.3, 0.5},
            {0.1, 0.2, 0.7},
            {0.2, 0.6, 0.2},
            {0.1, 0.8, 0.1},
            {0.6, 0.3, 0.1},
            {0.4, 0.3, 0.3}
        };
        TaskMetrics m = ClassificationMetrics.singleLabel(
                "stance", Level.ARTICLE, List.of("favor", "against", "none"), gold, scores, pred);
        assertThat(m.labels())
                .extracting(LabelMetrics::precision)
                .usingComparatorForType(CLOSE, Double.class)
                .containsExactly(2.0 / 3, 0.5, 0.5);
        assertThat(m.labels())
                .extracting(LabelMetrics::recall)
                .usingComparatorForType(CLOSE, Double.class)
                .containsExactly(1.0, 0.5, 1.0 / 3);
        assertThat(m.labels())
                .extracting(LabelMetrics::f1)
                .usingComparatorForType(CLOSE, Double.class)
                .containsExactly(0.8, 0.5, 0.4);
        assertThat(m.accuracy()).isCloseTo(0.5714285714285714, within(1e-12));
        assertThat(m.micro().f1()).isCloseTo(0.5714285714285714, within(1e-12));
        assertThat(m.macro().precision()).isCloseTo(0.5555555555555555, within(1e-12));
        assertThat(m.macro().recall()).isCloseTo(0.611111111111111, within(1e-12));
        assertThat(m.macro().f1()).isCloseTo(0.5666666666666668, within(1e-12));
        assertThat(m.weighted().precision()).isCloseTo(0.5476190476190476, within(1e-12));
        assertThat(m.weighted().recall()).isCloseTo(0.5714285714285714, within(1e-12));
        assertThat(m.weighted().f1()).isCloseTo(0.5428571428571429, within(1e-12));
        assertThat(m.confusion()).isEqualTo(new int[][] {{2, 0, 0}, {0, 1, 1}, {1, 1, 1}});
        assertThat(m.labels())
                .extracting(LabelMetrics::prAuc)
                .usingComparatorForType(CLOSE, Double.class)
                .containsExactly(1.0, 0.7, 0.8055555555555556);
        // ECE of the top-class forecasts (0.8 ok, 0.5 wrong, 0.7 ok, 0.6 wrong, 0.8 ok, 0.6 ok, 0.4 wrong):
        // bins .4: |0-.4|, .5: |0-.5|, .6: 2*|.5-.6|, .7: |1-.7|, .8: 2*|1-.8| -> 1.8 / 7
        assertThat(m.ece()).isCloseTo(1.8 / 7, within(1e-12));
        assertThat(m.curves())
                .hasSize(3)
                .allMatch(c -> c.threshold() == null && c.sweep().size() == ClassificationMetrics.SWEEP.size());
    }

    @Test
    void metricsAreImmutable() {
        TaskMetrics m = ClassificationMetrics.singleLabel(
                "s",
                Level.ARTICLE,
                List.of("x", "y"),
                new int[] {0, 1},
                new double[][] {{0.9, 0.1}, {0.2, 0.8}},
                new int[] {0, 1});
        m.confusion()[0][0] = 99;
        assertThat(m.confusion()[0][0]).isEqualTo(1);
        assertThat(m.withoutCurves().curves()).isEmpty();
        assertThat(m.withoutCurves().macro()).isEqualTo(m.macro());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.labels().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(m.headline()).containsOnlyKeys("accuracy", "macro_f1", "weighted_f1", "ece");
        assertThat(skMulti().headline())
                .containsOnlyKeys(
                        "micro_f1",
                        "macro_f1",
                        "samples_f1",
                        "subset_accuracy",
                        "hamming_loss",
                        "empty_false_alarm",
                        "ece");
    }

    /** The share of items without gold labels that still get one; undefined when every item has gold. */
    @Test
    void emptyFalseAlarmCountsItemsWithoutGold() {
        boolean[][] gold = {{true, false}, {false, false}, {false, false}, {false, false}};
        boolean[][] pred = {{false, false}, {false, true}, {true, true}, {false, false}};
        double[][] scores = {{0.4, 0.1}, {0.2, 0.7}, {0.6, 0.8}, {0.1, 0.1}};
        TaskMetrics m = ClassificationMetrics.multiLabel("f", Level.ARTICLE, List.of("x", "y"), gold, scores, pred);
        assertThat(m.emptyFalseAlarm()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.headline()).containsEntry("empty_false_alarm", m.emptyFalseAlarm());
        TaskMetrics full = ClassificationMetrics.multiLabel(
                "f",
                Level.ARTICLE,
                List.of("x", "y"),
                new boolean[][] {{true, false}},
                new double[][] {{0.9, 0.1}},
                new boolean[][] {{true, true}});
        assertThat(full.emptyFalseAlarm()).isNull();
        assertThat(full.headline()).doesNotContainKey("empty_false_alarm");
    }
}
