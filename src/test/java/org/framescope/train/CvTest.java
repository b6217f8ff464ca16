package org.framescope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.framescope.TestSchemes;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.eval.CvPoint;
import org.framescope.eval.CvResult;
import org.framescope.eval.CvRun;
import org.framescope.eval.MetricSummary;
import org.framescope.eval.TextReport;
import org.junit.jupiter.api.Test;

/** Cross-validation grouped by article, and the learning curve. */
class CvTest {

    @Test
    void foldsAreBalancedStratifiedAndSeeded() throws Exception {
        Corpus c = TrainerTest.corpus(SyntheticData.paragraphCsv(SyntheticData.articles(53, 2, 9), "train"));
        List<LabeledArticle> arts = c.articles();
        int[] fold = CrossValidator.assignFolds(TestSchemes.tiny(), arts, 5, 42);
        int[] size = new int[5];
        for (int f : fold) size[f]++;
        assertThat(java.util.Arrays.stream(size).boxed().toList()).allMatch(s -> s == 10 || s == 11);
        assertThat(CrossValidator.assignFolds(TestSchemes.tiny(), arts, 5, 42)).isEqualTo(fold);
        assertThat(CrossValidator.assignFolds(TestSchemes.tiny(), arts, 5, 43)).isNotEqualTo(fold);
        // every stance class is spread over the folds as evenly as it can be
        for (String stance : List.of("favor", "against", "none")) {
            int[] per = new int[5];
            int total = 0;
            for (int i = 0; i < arts.size(); i++) {
                if (arts.get(i).articleLabels().of("stance").contains(stance)) {
                    per[fold[i]]++;
                    total++;
                }
            }
            int lo = total / 5;
            assertThat(java.util.Arrays.stream(per).boxed().toList())
                    .as(stance)
                    .allMatch(x -> x >= lo - 1 && x <= lo + 2);
        }
        // more folds than articles can still fill every fold
        int[] tight = CrossValidator.assignFolds(TestSchemes.tiny(), arts.subList(0, 5), 4, 1);
        assertThat(java.util.Arrays.stream(tight).distinct().count()).isEqualTo(4);
    }

    @Test
    void crossValidatesAndDrawsALearningCurve() throws Exception {
        Corpus c = TrainerTest.corpus(SyntheticData.paragraphCsv(SyntheticData.articles(60, 3, 4), "train"));
        TrainConfig cfg = TrainerTest.lexicalConfig().withEpochs(15, 5);
        List<String> log = new ArrayList<>();
        CvResult r =
                new CrossValidator(cfg).run(TestSchemes.tiny(), c, c.articles(), 3, List.of(1.0, 0.4), null, log::add);
        assertThat(r.folds()).isEqualTo(3);
        assertThat(r.points()).extracting(CvPoint::fraction).containsExactly(0.4, 1.0);
        assertThat(r.runs()).hasSize(6);
        assertThat(log).hasSize(6).allMatch(l -> l.startsWith("fold "));
        // grouped by article: the test folds partition the articles
        List<CvRun> full = r.runs().stream().filter(x -> x.fraction() == 1.0).toList();
        assertThat(full.stream().mapToInt(CvRun::testArticles).sum()).isEqualTo(60);
        assertThat(full).allMatch(x -> x.trainArticles() + x.devArticles() + x.testArticles() == 60);
        // nested fractions: fewer training articles, the same dev articles
        CvRun small = r.runs().stream()
                .filter(x -> x.fraction() == 0.4 && x.fold() == 1)
                .findFirst()
                .orElseThrow();
        CvRun big = r.runs().stream()
                .filter(x -> x.fraction() == 1.0 && x.fold() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(small.trainArticles()).isLessThan(big.trainArticles());
        assertThat(small.devArticles()).isEqualTo(big.devArticles());
        // both levels of a paragraph-level file; mean and spread over the folds
        MetricSummary m = r.full().metric("paragraph", "frames", "macro_f1").orElseThrow();
        assertThat(m.values()).hasSize(3);
        assertThat(m.mean())
                .isCloseTo(
                        m.values().stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElseThrow(),
                        within(1e-12));
        assertThat(m.min()).isLessThanOrEqualTo(m.mean());
        double all =
                r.full().metric("all", "all", "mean_macro_f1").orElseThrow().mean();
        assertThat(all)
                .as("learns the planted signal words")
                .isGreaterThan(0.5)
                .as("more data helps here")
                .isGreaterThan(r.points()
                        .get(0)
                        .metric("all", "all", "mean_macro_f1")
                        .orElseThrow()
                        .mean());
        assertThat(r.full().metric("article", "stance", "accuracy")).isPresent();
        assertThat(r.full().metric("all", "all", "mean_macro_f1")).isPresent();
        String text = TextReport.render(r);
        assertThat(text)
                .contains("METRICS OVER FOLDS", "LEARNING CURVE", "40% (", "100% (", "Learning curve: mean macro-F1");
    }

    @Test
    void learningCurveReadingJudgesTheLastStepOnPerFoldDifferences() {
        java.util.function.BiFunction<List<Double>, List<Double>, CvResult> curve = (small, big) -> new CvResult(
                "d.csv",
                "s",
                10,
                10,
                3,
                1,
                "lexical",
                List.of(
                        new CvPoint(0.5, 4, List.of(MetricSummary.of("all", "all", "mean_macro_f1", small))),
                        new CvPoint(1.0, 8, List.of(MetricSummary.of("all", "all", "mean_macro_f1", big)))),
                List.of());
        // every fold gains about 0.05: rising
        assertThat(TextReport.learningCurveReading(curve.apply(List.of(0.50, 0.60, 0.55), List.of(0.55, 0.66, 0.59))))
                .contains("changed it by +0.050", "still rising");
        // the mean gain (0.02) is within the noise of the per-fold differences (+0.10, -0.06, +0.02)
        assertThat(TextReport.learningCurveReading(curve.apply(List.of(0.50, 0.60, 0.55), List.of(0.60, 0.54, 0.57))))
                .contains("about flat");
        assertThat(TextReport.learningCurveReading(curve.apply(List.of(0.50, 0.60, 0.55), List.of(0.45, 0.54, 0.50))))
                .contains("falling");
    }

    @Test
    void summaryStatistics() {
        MetricSummary s = MetricSummary.of("article", "t", "macro_f1", List.of(0.5, 0.7, 0.9));
        assertThat(s.mean()).isCloseTo(0.7, within(1e-12));
        assertThat(s.std()).isCloseTo(0.2, within(1e-12)); // sample standard deviation
        assertThat(s.min()).isEqualTo(0.5);
        assertThat(s.max()).isEqualTo(0.9);
        assertThat(MetricSummary.of("a", "t", "m", List.of(0.4)).std()).isZero();
    }

    @Test
    void refusesImpossibleSetups() throws Exception {
        Corpus c = TrainerTest.corpus(SyntheticData.paragraphCsv(SyntheticData.articles(4, 2, 4), "train"));
        CrossValidator cv = new CrossValidator(TrainerTest.lexicalConfig());
        assertThatThrownBy(() -> cv.run(TestSchemes.tiny(), c, c.articles(), 1, List.of(1.0), null, x -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> cv.run(TestSchemes.tiny(), c, c.articles(), 5, List.of(1.0), null, x -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 folds from 4 articles");
        assertThatThrownBy(() -> cv.run(TestSchemes.tiny(), c, c.articles(), 2, List.of(0.0), null, x -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 1]");
    }
}
