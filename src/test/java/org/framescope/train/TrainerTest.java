package org.framescope.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framescope.FrameScope;
import org.framescope.TestSchemes;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.FeatureBlocks;
import org.framescope.io.CorpusReader;
import org.framescope.io.CsvColumns;
import org.framescope.io.CsvTable;
import org.framescope.model.Level;
import org.framescope.model.Manifest;
import org.framescope.model.ModelBundle;
import org.framescope.model.NetworkRunner;
import org.framescope.model.RawOutputs;
import org.framescope.model.RawScores;
import org.framescope.result.ArticleResult;
import org.framescope.result.Evidence;
import org.framescope.text.Segmenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    static TrainConfig lexicalConfig() {
        return TrainConfig.defaults()
                .withBlocks(FeatureBlocks.LEXICAL)
                .withHidden(List.of(0))
                .withEpochs(40, 8)
                .withLearningRate(0.02)
                .withName("synthetic");
    }

    /** Micro-F1 of the predicted article frames against the generated ones, over {@code labels}. */
    static double microF1(List<SyntheticData.Article> test, List<List<String>> predicted, List<String> labels) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < test.size(); i++) {
            for (String l : labels) {
                boolean g = test.get(i).frames().contains(l),
                        p = predicted.get(i).contains(l);
                if (g && p) tp++;
                else if (p) fp++;
                else if (g) fn++;
            }
        }
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** The article frames the model gives each test article (its paragraphs as generated). */
    static List<List<String>> predictedFrames(FrameScope fs, List<SyntheticData.Article> test) {
        return test.stream()
                .map(a -> fs.classifyParagraphs(a.id(), a.paragraphs(), null)
                        .tasks()
                        .get("frames")
                        .labels())
                .toList();
    }

    /** An article-level corpus of the train and dev articles, split as named. */
    static Corpus trainDevCorpus(List<SyntheticData.Article> train, List<SyntheticData.Article> dev) throws Exception {
        return corpus(SyntheticData.articleCsv(train, "train")
                + SyntheticData.articleCsv(dev, "dev")
                        .lines()
                        .skip(1)
                        .map(l -> l + "\n")
                        .reduce("", String::concat));
    }

    static Corpus corpus(String csv) throws Exception {
        return new CorpusReader(TestSchemes.tiny(), CsvColumns.defaults(), Segmenter.defaults(), 100_000)
                .read(CsvTable.parse("synthetic.csv", csv.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Article labels only; one paragraph per article carries each label. The model must learn the
     * labels through max pooling and point at the planted paragraph as the evidence.
     */
    @Test
    void learnsFromArticleLabelsAloneAndFindsTheCarryingParagraph() throws Exception {
        List<SyntheticData.Article> train = SyntheticData.articles(160, 6, 1);
        List<SyntheticData.Article> dev = SyntheticData.articles(40, 6, 2);
        List<SyntheticData.Article> test = SyntheticData.articles(60, 6, 3);
        Corpus c = trainDevCorpus(train, dev);
        assertThat(c.articles()).noneMatch(LabeledArticle::hasParagraphLabels);
        // Multiple-instance learning through the max-pooled heads (the article path is tested on its own below).
        Trainer.Result r = new Trainer(lexicalConfig().withArticlePath("max"))
                .train(TestSchemes.tiny(), c, c.split("train"), c.split("dev"), null);
        try (FrameScope fs = FrameScope.open(r.bundle(), FrameScope.Options.defaults(), null)) {
            int evidenceHits = 0, evidenceTotal = 0, stanceCorrect = 0;
            List<List<String>> predicted = new ArrayList<>();
            for (SyntheticData.Article a : test) {
                ArticleResult res = fs.classifyParagraphs(a.id(), a.paragraphs(), null);
                predicted.add(res.tasks().get("frames").labels());
                for (Evidence e : res.evidence()) {
                    if (e.task().equals("frames") && a.frames().contains(e.label())) {
                        evidenceTotal++;
                        if (e.paragraphs().get(0) == a.planted()["abc".indexOf(e.label())]) evidenceHits++;
                    }
                }
                if (res.tasks().get("stance").labels().get(0).equals(a.stance())) stanceCorrect++;
            }
            double f1 = microF1(test, predicted, List.of("a", "b", "c"));
            assertThat(f1).as("article micro-F1").isGreaterThan(0.9);
            assertThat(evidenceHits).as("evidence paragraph is the planted one").isGreaterThanOrEqualTo((int)
                    (0.9 * evidenceTotal));
            assertThat(stanceCorrect).as("article stance accuracy").isGreaterThan((int) (0.8 * test.size()));
        }
    }

    /** The article path sees what no single paragraph shows: a label carried by the whole text. */
    @Test
    void articlePathLearnsLabelsOfTheWholeText() throws Exception {
        List<SyntheticData.Article> train = SyntheticData.spreadArticles(300, 6, 11);
        List<SyntheticData.Article> dev = SyntheticData.spreadArticles(80, 6, 12);
        List<SyntheticData.Article> test = SyntheticData.spreadArticles(100, 6, 13);
        Corpus c = trainDevCorpus(train, dev);
        double[] f1 = new double[2];
        String[] paths = {"max", "both"};
        for (int k = 0; k < 2; k++) {
            Trainer.Result r = new Trainer(lexicalConfig().withArticlePath(paths[k]))
                    .train(TestSchemes.tiny(), c, c.split("train"), c.split("dev"), null);
            if (paths[k].equals("both")) {
                assertThat(r.bundle().manifest().articleSources().get("frames"))
                        .as("source chosen on dev")
                        .isNotEqualTo("max");
            }
            try (FrameScope fs = FrameScope.open(r.bundle(), FrameScope.Options.defaults(), null)) {
                f1[k] = microF1(test, predictedFrames(fs, test), List.of("a"));
            }
        }
        assertThat(f1[1])
                .as("F1 of label a with the article path")
                .isGreaterThan(0.85)
                .isGreaterThan(f1[0] + 0.1);
    }

    /**
     * Gates learn whether an article carries any frame at all (a fifth of these carry none); a gated
     * source is the head's score times the gate; the single-label task gets no gate; the bundle keeps it all.
     */
    @Test
    void gatedArticlePathLearnsWhetherAnyLabelApplies(@TempDir Path dir) throws Exception {
        // Short articles: the whole-article TF-IDF (what the gate reads) then carries the signal words clearly.
        List<SyntheticData.Article> train = SyntheticData.articles(240, 2, 21);
        List<SyntheticData.Article> dev = SyntheticData.articles(60, 2, 22);
        List<SyntheticData.Article> test = SyntheticData.articles(80, 2, 23);
        Corpus c = trainDevCorpus(train, dev);
        Trainer.Result r = new Trainer(lexicalConfig().withArticlePath("gated"))
                .train(TestSchemes.tiny(), c, c.split("train"), c.split("dev"), null);
        Manifest m = r.bundle().manifest();
        var frames = TestSchemes.tiny().tasks().get(0);
        var stance = TestSchemes.tiny().tasks().get(1);
        assertThat(RawOutputs.sources(m.network(), frames))
                .containsExactly("max*gate", "doc*gate", "blend*gate")
                .contains(m.articleSources().get("frames"));
        assertThat(RawOutputs.sources(m.network(), stance))
                .noneMatch(x -> x.endsWith(RawOutputs.GATED))
                .contains(m.articleSources().get("stance"));
        List<List<String>> paragraphs =
                test.stream().map(SyntheticData.Article::paragraphs).toList();
        try (FrameScope fs = FrameScope.open(r.bundle(), FrameScope.Options.defaults(), null)) {
            RawOutputs out = NetworkRunner.forwardAll(
                    r.bundle().network(),
                    fs.scheme(),
                    m.network(),
                    fs.featurizer(),
                    fs.featurizer().featurizeArticles(paragraphs, true));
            assertThat(out.gate()[1]).as("no gate for the single-label task").isNull();
            double withFrames = 0, without = 0;
            int nWith = 0;
            for (int i = 0; i < test.size(); i++) {
                if (test.get(i).frames().isEmpty()) {
                    without += out.gate()[0][i];
                } else {
                    withFrames += out.gate()[0][i];
                    nWith++;
                }
            }
            assertThat(nWith).isBetween(45, 75);
            double dA = 0, dNa = 0;
            int nA = 0;
            for (int i = 0; i < test.size(); i++) {
                if (test.get(i).frames().contains("a")) {
                    dA += out.doc()[i][0][0];
                    nA++;
                } else dNa += out.doc()[i][0][0];
            }
            // A linear gate on word counts rises with the evidence; it must separate articles with no frame at all.
            double gWith = withFrames / nWith, gWithout = without / (test.size() - nWith);
            assertThat(gWith - gWithout)
                    .as("mean gate with a frame (%.3f) minus without (%.3f)", gWith, gWithout)
                    .isGreaterThan(0.15);
            RawScores gated = out.combine(fs.scheme(), java.util.Map.of("frames", "max*gate"));
            for (int i = 0; i < test.size(); i++) {
                for (int l = 0; l < 3; l++) {
                    assertThat(gated.article()[i][0][l])
                            .isCloseTo(
                                    out.max()[i][0][l] * out.gate()[0][i], org.assertj.core.data.Offset.offset(1e-12));
                }
            }
            assertThat(microF1(test, predictedFrames(fs, test), List.of("a", "b", "c")))
                    .as("article micro-F1")
                    .isGreaterThan(0.9);
            RawScores before = fs.score(paragraphs);
            Path file = dir.resolve("gated.zip");
            r.bundle().save(file);
            try (FrameScope loaded = FrameScope.open(ModelBundle.load(file), FrameScope.Options.defaults(), null)) {
                assertThat(loaded.manifest().articleSources()).isEqualTo(m.articleSources());
                RawScores after = loaded.score(paragraphs);
                for (int i = 0; i < test.size(); i++) {
                    assertThat(after.article()[i][0])
                            .containsExactly(before.article()[i][0], org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
    }

    @Test
    void trainsOnParagraphLabelsAndIsReproducible() throws Exception {
        List<SyntheticData.Article> train = SyntheticData.articles(60, 4, 5);
        String csv = SyntheticData.paragraphCsv(train, "train");
        Corpus c = corpus(csv);
        TrainConfig cfg = lexicalConfig().withEpochs(30, 10);
        List<List<LabeledArticle>> td = Trainer.trainDev(c, 0.2, 7);
        assertThat(td.get(1)).hasSize(12);
        Trainer.Result r1 = new Trainer(cfg).train(TestSchemes.tiny(), c, td.get(0), td.get(1), null);
        Trainer.Result r2 = new Trainer(cfg).train(TestSchemes.tiny(), c, td.get(0), td.get(1), null);
        assertThat(r1.bundle().network().params().equals(r2.bundle().network().params()))
                .isTrue();
        // 48 training articles; early stopping on the dev log-loss stops before the F1 peak (0.76 measured)
        assertThat(r1.dev().meanMacroF1(Level.PARAGRAPH).orElseThrow()).isGreaterThan(0.7);
        assertThat(r1.bundle().manifest().provenance().dataSha256()).isEqualTo(c.sha256());
        assertThat(r1.bundle().manifest().provenance().seed()).isEqualTo(42L);
        List<Double> thresholds = new ArrayList<>();
        r1.bundle()
                .manifest()
                .decisions()
                .paragraph()
                .get("frames")
                .labels()
                .forEach(d -> thresholds.add(d.threshold()));
        assertThat(thresholds).hasSize(3).allMatch(t -> t >= 0.05 && t <= 0.95);
    }

    /** Regression: 49 training articles of one paragraph each left a last minibatch of one, which DL4J's softmax loss refused. */
    @Test
    void trainsOnOneParagraphArticlesWhateverTheRemainder() throws Exception {
        List<SyntheticData.Article> arts = SyntheticData.articles(58, 1, 8);
        Corpus c = corpus(SyntheticData.articleCsv(arts, "train"));
        List<List<LabeledArticle>> td = Trainer.trainDev(c, 0.15, 7);
        assertThat(td.get(0)).hasSize(49); // 6 minibatches of 8 and one article left over
        assertThat(td.get(0)).allMatch(a -> a.paragraphs().size() == 1);
        Trainer.Result r =
                new Trainer(lexicalConfig().withEpochs(2, 2)).train(TestSchemes.tiny(), c, td.get(0), td.get(1), null);
        // Trained through the remainder batch: every epoch ran, and the model scores every dev article.
        assertThat(r.bundle().manifest().provenance().counts()).isNotEmpty();
        assertThat(r.dev().meanMacroF1(Level.ARTICLE)).isPresent();
        try (org.framescope.FrameScope fs =
                org.framescope.FrameScope.open(r.bundle(), org.framescope.FrameScope.Options.defaults(), null)) {
            var raw =
                    fs.score(td.get(1).stream().map(LabeledArticle::paragraphs).toList());
            assertThat(raw.article().length).isEqualTo(td.get(1).size());
            assertThat(java.util.Arrays.stream(raw.article()[0][0]).allMatch(p -> p >= 0 && p <= 1))
                    .isTrue();
        }
    }
}
