package org.framescope.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.framescope.data.LabeledArticle;
import org.junit.jupiter.api.Test;

/** The paired bootstrap comparison of two models on the same items. */
class EvalCompareTest {

    final List<LabeledArticle> arts = EvalFixtures.articles(40, 11);

    @Test
    void aModelAgainstItselfShowsNoDifference() {
        Predictions a = EvalFixtures.predictions("a", arts, 0.6, 1);
        Comparison c = PairedBootstrap.compare(a, a, 200, 7, 0.95);
        assertThat(c.deltas()).hasSize(8); // 2 levels x (frames: micro, macro; stance: accuracy, macro)
        assertThat(c.deltas()).allSatisfy(d -> {
            assertThat(d.delta()).isZero();
            assertThat(d.low()).isZero();
            assertThat(d.high()).isZero();
            assertThat(d.verdict()).isEqualTo("no clear difference");
        });
        assertThat(c.verdict()).startsWith("no clear difference between a and a");
    }

    @Test
    void aClearlyBetterModelIsBetterWithIntervalsAboveZero() {
        Predictions good = EvalFixtures.predictions("good", arts, 1.0, 1);
        Predictions bad = EvalFixtures.predictions("bad", arts, 0.0, 2);
        Comparison c = PairedBootstrap.compare(good, bad, 300, 7, 0.95);
        assertThat(c.better()).isEqualTo(8);
        assertThat(c.verdict()).startsWith("good is better than bad (good better on 8 of 8 metrics, worse on 0");
        assertThat(c.deltas()).allSatisfy(d -> {
            assertThat(d.low()).isPositive();
            assertThat(d.low()).isLessThanOrEqualTo(d.delta());
            assertThat(d.high()).isGreaterThanOrEqualTo(d.delta());
            assertThat(d.pValue()).isLessThan(0.05);
        });
        Comparison reversed = PairedBootstrap.compare(bad, good, 300, 7, 0.95);
        assertThat(reversed.worse()).isEqualTo(8);
        assertThat(reversed.verdict()).startsWith("good is better than bad");
    }

    @Test
    void pointEstimatesAreTheEvaluationsMetricsAndTheSeedFixesTheIntervals() {
        Predictions a = EvalFixtures.predictions("a", arts, 0.7, 1);
        Predictions b = EvalFixtures.predictions("b", arts, 0.5, 2);
        Evaluation ea = Evaluator.metrics(a, false);
        Evaluation eb = Evaluator.metrics(b, false);
        Comparison c = PairedBootstrap.compare(a, b, 250, 99, 0.9);
        for (MetricDelta d : c.deltas()) {
            TaskMetrics ta = ea.level(d.level()).stream()
                    .filter(t -> t.task().equals(d.task()))
                    .findFirst()
                    .orElseThrow();
            TaskMetrics tb = eb.level(d.level()).stream()
                    .filter(t -> t.task().equals(d.task()))
                    .findFirst()
                    .orElseThrow();
            assertThat(d.a()).as(d.toString()).isCloseTo(ta.headline().get(d.metric()), within(1e-12));
            assertThat(d.b()).as(d.toString()).isCloseTo(tb.headline().get(d.metric()), within(1e-12));
        }
        assertThat(PairedBootstrap.compare(a, b, 250, 99, 0.9)).isEqualTo(c);
        assertThat(PairedBootstrap.compare(a, b, 250, 100, 0.9).deltas().get(0).low())
                .isNotEqualTo(c.deltas().get(0).low());
        MetricDelta d0 = c.deltas().get(0);
        assertThat(PairedBootstrap.compare(a, b, 250, 99, 0.5).deltas().get(0).high()
                        - PairedBootstrap.compare(a, b, 250, 99, 0.5)
                                .deltas()
                                .get(0)
                                .low())
                .as("a 50% interval is narrower than a 90% one")
                .isLessThan(d0.high() - d0.low());
    }

    @Test
    void refusesPredictionsOnDifferentItems() {
        Predictions a = EvalFixtures.predictions("a", arts, 0.7, 1);
        Predictions other = EvalFixtures.predictions("b", EvalFixtures.articles(40, 12), 0.7, 1);
        assertThatThrownBy(() -> PairedBootstrap.compare(a, other, 10, 1, 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not on the same");
        assertThatThrownBy(() -> PairedBootstrap.compare(a, a, 0, 1, 0.95))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantileInterpolatesLikeNumpy() {
        double[] x = {1, 2, 3, 4};
        assertThat(PairedBootstrap.quantile(x, 0.5)).isEqualTo(2.5);
        assertThat(PairedBootstrap.quantile(x, 0.025)).isCloseTo(1.075, within(1e-12));
        assertThat(PairedBootstrap.quantile(x, 1.0)).isEqualTo(4.0);
    }
}
