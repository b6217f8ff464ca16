package org.framescope.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.framescope.data.LabeledArticle;
import org.framescope.model.DecisionRules;
import org.framescope.model.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predictions, per-language slices and the misclassified list, on made-up scores. */
class EvalPredictionsTest {

    @TempDir
    Path dir;

    @Test
    void predictionsHaveBothLevelsWithItemsInInputOrder() {
        List<LabeledArticle> arts = EvalFixtures.articles(12, 1);
        Predictions p = EvalFixtures.predictions("m", arts, 0.7, 2);
        assertThat(p.levels()).extracting(LevelScores::level).containsExactly(Level.PARAGRAPH, Level.ARTICLE);
        LevelScores para = p.level(Level.PARAGRAPH).orElseThrow();
        assertThat(para.items()).hasSize(p.paragraphs());
        assertThat(para.items().get(0).id()).isEqualTo("art0#0");
        assertThat(para.items().get(0).row()).isEqualTo(2);
        LevelScores art = p.level(Level.ARTICLE).orElseThrow();
        assertThat(art.items()).hasSize(12);
        assertThat(art.items().get(1).paragraph()).isEqualTo(-1);
        assertThat(art.items().get(1).text())
                .isEqualTo(String.join("\n\n", arts.get(1).paragraphs()));
        // the metrics of the levels are the evaluator's metrics
        Evaluation e = Evaluator.metrics(p, false);
        Evaluation old = Evaluator.evaluate(
                "m",
                "fixture.csv",
                EvalFixtures.SCHEME,
                arts,
                EvalFixtures.scores(arts, 0.7, 2),
                DecisionRules.identity(EvalFixtures.SCHEME));
        assertThat(e.paragraph().get(0).macro())
                .isEqualTo(old.paragraph().get(0).macro());
        assertThat(e.article().get(1).accuracy()).isEqualTo(old.article().get(1).accuracy());
        assertThat(e.byLang()).isEmpty();
        // article-level data: no paragraph level
        Predictions articleOnly = Evaluator.predictions(
                "m",
                "f",
                EvalFixtures.SCHEME,
                arts,
                EvalFixtures.scores(arts, 0.7, 2),
                DecisionRules.identity(EvalFixtures.SCHEME),
                false);
        assertThat(articleOnly.levels()).extracting(LevelScores::level).containsExactly(Level.ARTICLE);
        assertThat(Evaluator.metrics(articleOnly, false).paragraph()).isEmpty();
    }

    @Test
    void languageSlicesAreTheMetricsOfEachLanguagesItems() {
        List<LabeledArticle> arts = EvalFixtures.articles(20, 3);
        Predictions p = EvalFixtures.predictions("m", arts, 0.6, 4);
        Evaluation e = Evaluator.metrics(p, true);
        assertThat(e.byLang()).extracting(LangSlice::lang).containsExactly("en", "fr");
        LangSlice fr = e.byLang().get(1);
        assertThat(fr.articles()).isEqualTo(10);
        List<LabeledArticle> frOnly =
                arts.stream().filter(a -> a.lang().equals("fr")).toList();
        assertThat(fr.paragraphs())
                .isEqualTo(frOnly.stream().mapToInt(a -> a.paragraphs().size()).sum());
        // same numbers as evaluating the French articles alone (same scores: generated per article in order, so
        // regenerate by subset)
        LevelScores art = p.level(Level.ARTICLE).orElseThrow();
        int[] idx =
                java.util.stream.IntStream.range(0, 20).filter(i -> i % 2 == 1).toArray();
        TaskMetrics direct = art.subset(idx).tasks().get(0).metrics(Level.ARTICLE);
        assertThat(fr.article().get(0).macro()).isEqualTo(direct.macro());
        assertThat(fr.article().get(0).items()).isEqualTo(10);
        assertThat(fr.article().get(0).curves()).as("slices leave curves out").isEmpty();
        assertThat(e.article().get(0).curves()).hasSize(3);
    }

    @Test
    void misclassifiedListsEveryWrongDecisionMostConfidentFirst() throws Exception {
        List<LabeledArticle> arts = EvalFixtures.articles(15, 5);
        Predictions p = EvalFixtures.predictions("m", arts, 0.3, 6);
        List<ErrorRow> rows = Misclassified.rows(p);
        // one row per (item, task) whose decision is wrong
        long expected = 0;
        for (LevelScores l : p.levels()) {
            for (TaskScores t : l.tasks()) {
                for (int i = 0; i < t.size(); i++) {
                    if (!t.correct(i)) expected++;
                }
            }
        }
        assertThat(rows).hasSize((int) expected).isNotEmpty();
        assertThat(rows.get(0).level()).isEqualTo(Level.PARAGRAPH);
        List<ErrorRow> para =
                rows.stream().filter(r -> r.level() == Level.PARAGRAPH).toList();
        for (int i = 1; i < para.size(); i++) {
            assertThat(para.get(i).errorScore())
                    .isLessThanOrEqualTo(para.get(i - 1).errorScore());
        }
        for (ErrorRow r : rows) {
            if (r.task().equals("frames")) {
                double err = r.missed().stream()
                                .mapToDouble(l -> 1 - r.scores().get(l))
                                .sum()
                        + r.extra().stream().mapToDouble(r.scores()::get).sum();
                assertThat(r.errorScore()).isCloseTo(err, within(1e-12));
                assertThat(r.missed().size() + r.extra().size()).isPositive();
            } else {
                assertThat(r.errorScore()).isCloseTo(1 - r.scores().get(r.gold().get(0)), within(1e-12));
                assertThat(r.gold()).hasSize(1).isNotEqualTo(r.predicted());
            }
        }
        Path csv = dir.resolve("errors.csv");
        Misclassified.writeCsv(csv, rows);
        try (Reader in = Files.newBufferedReader(csv);
                CSVParser parser = CSVParser.builder()
                        .setReader(in)
                        .setFormat(CSVFormat.DEFAULT
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get())
                        .get()) {
            assertThat(parser.getHeaderNames()).isEqualTo(Misclassified.HEADER);
            List<CSVRecord> recs = parser.getRecords();
            assertThat(recs).hasSize(rows.size());
            CSVRecord first = recs.get(0);
            ErrorRow r0 = rows.get(0);
            assertThat(first.get("id")).isEqualTo(r0.item().id());
            assertThat(first.get("text")).isEqualTo(r0.item().text());
            assertThat(first.get("gold")).isEqualTo(String.join(";", r0.gold()));
            assertThat(first.get("scores")).contains(r0.task().equals("frames") ? "a:" : "favor:");
            assertThat(recs)
                    .anyMatch(x -> x.get("level").equals("article")
                            && x.get("paragraph").isEmpty());
        }
    }
}
