package org.framescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framescope.TestSchemes;
import org.framescope.train.SyntheticData;
import org.framescope.train.SyntheticPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} and {@code cv} end to end on an article-level CSV in another label scheme (six policy
 * frames, one long article per row, labels ';'-separated in a column named Frames), with tiny
 * lexical-only models trained here.
 */
class EvalCommandTest extends ConsoleCapture {

    @TempDir
    static Path dir;

    static Path data, test, modelA, modelB, tinyModel;

    static final String[] LEXICAL = {"--features", "lexical", "--hidden", "0", "--task-column", "policy_frames=Frames"};

    @BeforeAll
    static void trainModels() throws Exception {
        Files.writeString(dir.resolve("scheme.json"), SyntheticPolicy.SCHEME_JSON);
        data = dir.resolve("policy.csv");
        Files.writeString(data, SyntheticPolicy.csv(90, 1));
        test = dir.resolve("policy-test.csv");
        Files.writeString(test, SyntheticPolicy.csv(40, 2));
        modelA = dir.resolve("a.zip");
        modelB = dir.resolve("b.zip");
        assertThat(Main.run(concat(
                        new String[] {
                            "train", "-d", data.toString(), "-o", modelA.toString(), "--epochs", "20", "--lr", "0.02"
                        },
                        LEXICAL)))
                .isZero();
        assertThat(Main.run(concat(
                        new String[] {
                            "train", "-d", data.toString(), "-o", modelB.toString(), "--epochs", "1", "--lr", "0.001"
                        },
                        LEXICAL)))
                .isZero();
        Path tinyDir = Files.createDirectories(dir.resolve("tiny"));
        Files.writeString(
                tinyDir.resolve("scheme.json"),
                TestSchemes.tiny().toJson(new ObjectMapper()).toString());
        Path tinyCsv = tinyDir.resolve("tiny.csv");
        Files.writeString(tinyCsv, SyntheticData.paragraphCsv(SyntheticData.articles(12, 2, 3), "train"));
        tinyModel = dir.resolve("tiny.zip");
        assertThat(Main.run(
                        "train",
                        "-d",
                        tinyCsv.toString(),
                        "-o",
                        tinyModel.toString(),
                        "--features",
                        "lexical",
                        "--hidden",
                        "0",
                        "--epochs",
                        "1"))
                .isZero();
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void evalOnAnArticleLevelCsvInAnotherSchemeWritesTableReportAndErrors() throws Exception {
        Path report = dir.resolve("report.html");
        Path errors = dir.resolve("errors.csv");
        int code = Main.run(
                "eval",
                "-m",
                modelA.toString(),
                "-d",
                test.toString(),
                "--task-column",
                "policy_frames=Frames",
                "--report",
                report.toString(),
                "--misclassified",
                errors.toString(),
                "--worst",
                "3");
        assertThat(code).as(err()).isZero();
        assertThat(out())
                .contains(
                        "ARTICLE LEVEL",
                        "policy_frames (multi_label, 40 items)",
                        "macro avg",
                        "samples avg",
                        "subset accuracy",
                        "BY LANGUAGE",
                        "de ",
                        "en ")
                .doesNotContain("PARAGRAPH LEVEL");
        String html = Files.readString(report);
        assertThat(html)
                .contains("Evaluation of a", "id=\"article\"", "article-policy_frames", "id=\"lang\"")
                .doesNotContain("<script", "src=\"http");
        List<String> rows = Files.readAllLines(errors);
        // A wrongly given label among the top errors is explained beside its row: what misled the model.
        if (rows.stream().skip(1).limit(3).anyMatch(r -> !r.split(",", -1)[10].isEmpty())) {
            assertThat(html).contains("<div class=\"why\"><b>why ");
        }
        assertThat(rows.get(0))
                .isEqualTo(
                        "level,id,article_id,paragraph,row,lang,task,gold,predicted,missed,extra,error_score,scores,text");
        assertThat(err()).contains("wrote report " + report, "wrong decisions to " + errors);
    }

    @Test
    void evalJsonHasTheMetricsAndCurves() throws Exception {
        assertThat(Main.run(
                        "eval",
                        "-m",
                        modelA.toString(),
                        "-d",
                        test.toString(),
                        "--task-column",
                        "policy_frames=Frames",
                        "--json"))
                .isZero();
        JsonNode root = new ObjectMapper().readTree(out());
        JsonNode t = root.path("article").get(0);
        assertThat(t.path("task").asText()).isEqualTo("policy_frames");
        assertThat(t.path("labels")).hasSize(6);
        assertThat(t.path("curves").get(0).path("sweep"))
                .hasSize(91); // 0.05 to 0.95 by 0.01, the grid the trainer tunes on
        assertThat(t.path("reliability")).hasSize(10);
        assertThat(root.path("byLang")).hasSize(2);
        assertThat(root.path("paragraph")).isEmpty();
    }

    @Test
    void compareReportsDifferencesWithIntervalsAndAVerdict() throws Exception {
        Path report = dir.resolve("compare.html");
        int code = Main.run(
                "eval",
                "-m",
                modelA.toString(),
                "-d",
                test.toString(),
                "--task-column",
                "policy_frames=Frames",
                "--compare",
                modelB.toString(),
                "--bootstrap",
                "200",
                "--seed",
                "3",
                "--report",
                report.toString());
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("COMPARISON  A = a, B = b", "micro_f1", "macro_f1", "95% interval", "Verdict: ");
        assertThat(Files.readString(report)).contains("id=\"compare\"", "paired bootstrap");
        out.reset();
        assertThat(Main.run(
                        "eval",
                        "-m",
                        modelA.toString(),
                        "-d",
                        test.toString(),
                        "--task-column",
                        "policy_frames=Frames",
                        "--compare",
                        modelB.toString(),
                        "--bootstrap",
                        "200",
                        "--json"))
                .isZero();
        JsonNode root = new ObjectMapper().readTree(out());
        assertThat(root.path("comparison").path("deltas")).hasSize(2);
        assertThat(root.path("comparison").path("resamples").asInt()).isEqualTo(200);
        assertThat(root.path("other").path("model").asText()).isEqualTo("b");
    }

    @Test
    void badInputExitsTwoWithAClearMessage() throws Exception {
        record Case(String what, String csv, String[] extra, String message) {}
        Path noGold = dir.resolve("nogold.csv");
        Files.writeString(noGold, "id,text\n1,Some text here.\n");
        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "id,text,Frames\n1,Some text here.,economic;made_up\n");
        Path otherScheme = dir.resolve("other-scheme.csv");
        Files.writeString(otherScheme, "id,text,frames,stance\n1,Some text here.,a,favor\n");
        List<Case> cases = List.of(
                new Case(
                        "no gold column",
                        noGold.toString(),
                        new String[] {"--task-column", "policy_frames=Frames"},
                        "row 1, column 'Frames': missing column for a task of label scheme 'policy-frames-test'"),
                new Case(
                        "label outside the scheme",
                        unknown.toString(),
                        new String[] {"--task-column", "policy_frames=Frames"},
                        "row 2, column 'Frames': unknown label 'made_up' for task 'policy_frames'"),
                new Case(
                        "model/CSV scheme mismatch",
                        otherScheme.toString(),
                        new String[0],
                        "column 'policy_frames': missing column for a task of label scheme 'policy-frames-test' (tasks: policy_frames; missing: policy_frames; the header has: id, text, frames, stance)"),
                new Case(
                        "compare with another scheme",
                        test.toString(),
                        new String[] {"--task-column", "policy_frames=Frames", "--compare", tinyModel.toString()},
                        "cannot compare"),
                new Case(
                        "empty split",
                        test.toString(),
                        new String[] {"--task-column", "policy_frames=Frames", "--split", "test"},
                        "no articles in split 'test'"));
        for (Case c : cases) {
            err.reset();
            int code = Main.run(concat(new String[] {"eval", "-m", modelA.toString(), "-d", c.csv()}, c.extra()));
            assertThat(code).as(c.what()).isEqualTo(Main.BAD_INPUT);
            assertThat(err().strip())
                    .as(c.what())
                    .startsWith("framescope: error: ")
                    .contains(c.message());
            assertThat(err().strip().lines()).as(c.what()).hasSize(1);
        }
    }

    @Test
    void cvWithLearningCurveOnAnotherScheme() throws Exception {
        // the test CSV (40 articles) sits beside scheme.json too; CvTest covers the numbers, this the wiring
        int code = Main.run(concat(
                new String[] {
                    "cv",
                    "-d",
                    test.toString(),
                    "--folds",
                    "2",
                    "--learning-curve",
                    "--fractions",
                    "0.5,1",
                    "--epochs",
                    "4"
                },
                LEXICAL));
        assertThat(code).as(err()).isZero();
        assertThat(out())
                .contains(
                        "2 folds grouped by article",
                        "METRICS OVER FOLDS",
                        "article    policy_frames",
                        "macro_f1",
                        "LEARNING CURVE",
                        "50% (",
                        "100% (",
                        "Learning curve: mean macro-F1");
        assertThat(err()).contains("cv [main]: fold 2/2, fraction 1.00", "cv [baseline]: fold 2/2, fraction 1.00");
        assertThat(out()).contains("RECIPES ON THE SAME 2 FOLDS", "Δ vs baseline");
        err.reset();
        assertThat(Main.run(concat(new String[] {"cv", "-d", data.toString(), "--folds", "1"}, LEXICAL)))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("option '--folds': 1 is out of range: expected a whole number of 2 or more");
    }
}
