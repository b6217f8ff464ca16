package org.framescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framescope.model.ModelBundle;
import org.framescope.server.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framescope extend} and how {@code info} shows its labels, on the tiny lexical model. */
class ExtendCommandTest extends ConsoleCapture {

    @TempDir
    Path dir;

    /** Eight positives with a word no training article has, and 25 negatives, in one labelled CSV. */
    private Path examples() throws Exception {
        List<String> texts =
                TinyModel.texts(33, 77).stream().map(t -> t.split("\n\n")[0]).toList();
        StringBuilder sb = new StringBuilder("text,label\n");
        for (int i = 0; i < texts.size(); i++) {
            String p = texts.get(i);
            sb.append('"')
                    .append(i < 8 ? p + " plombix" : p)
                    .append("\",")
                    .append(i < 8 ? "yes" : "no")
                    .append('\n');
        }
        return Files.writeString(dir.resolve("examples.csv"), sb.toString());
    }

    @Test
    void extendWritesAModelThatInfoShowsWithItsFewShotLabel() throws Exception {
        Path ext = dir.resolve("extended.zip");
        int code = Main.run(
                "extend",
                "-m",
                TinyModel.file().toString(),
                "--task",
                "frames",
                "--label",
                "d",
                "--description",
                "Texts that mention plombix.",
                "--examples",
                examples().toString(),
                "-o",
                ext.toString());
        assertThat(code).as(err()).isZero();
        assertThat(out())
                .contains(
                        "wrote " + ext + ": label frames:d from 8 positives and 25 negatives {examples=25}",
                        "cross-validation (5 folds");
        assertThat(ModelBundle.load(ext).manifest().fewShotLabel("frames", "d")).isNotNull();
        out.reset();
        assertThat(Main.run("info", ext.toString())).isZero();
        assertThat(out())
                .contains(
                        "d                        [few-shot] Texts that mention plombix.",
                        "Few-shot       labels added after training",
                        "frames:d  8 positives, 25 negatives {examples=25}, seed 42",
                        "examples " + dir.resolve("examples.csv"));
        // The extended model classifies from the command line, with the new label as evidence.
        List<String> ps =
                TinyModel.texts(1, 88).get(0).lines().filter(l -> !l.isBlank()).toList();
        Path text = Files.writeString(dir.resolve("article.txt"), ps.get(0) + " plombix.\n\n" + ps.get(1) + "\n");
        out.reset();
        assertThat(Main.run("classify", "-m", ext.toString(), text.toString())).isZero();
        assertThat(out()).contains("frames/d");
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws Exception {
        Path model = TinyModel.file();
        Path ex = examples();
        Path target = dir.resolve("x.zip");
        record Case(List<String> args, String message) {}
        Path few = Files.writeString(dir.resolve("few.csv"), "text\none plombix\ntwo plombix\n");
        Path badLabel = Files.writeString(dir.resolve("bad.csv"), "text,label\none plombix,1\ntwo,perhaps\n");
        List<Case> cases = List.of(
                new Case(
                        List.of("--task", "topics", "--label", "d", "--examples", ex.toString()),
                        "has no task 'topics'"),
                new Case(
                        List.of("--task", "stance", "--label", "d", "--examples", ex.toString()),
                        "task 'stance' is single-label"),
                new Case(
                        List.of("--task", "frames", "--label", "a", "--examples", ex.toString()),
                        "task 'frames' already has a label 'a'"),
                new Case(
                        List.of("--task", "frames", "--label", "d", "--examples", few.toString()),
                        few + ": 2 positive examples; a new label needs at least 5"),
                new Case(
                        List.of("--task", "frames", "--label", "d", "--examples", badLabel.toString()),
                        badLabel + ": row 3, column 'label': 'perhaps' is not 1/0 or yes/no"),
                new Case(
                        List.of(
                                "--task",
                                "frames",
                                "--label",
                                "d",
                                "--examples",
                                dir.resolve("missing.csv").toString()),
                        "missing.csv"),
                // The tiny model's provenance names a file that does not exist: no corpus to take negatives from.
                new Case(
                        List.of(
                                "--task",
                                "frames",
                                "--label",
                                "d",
                                "--examples",
                                Files.writeString(
                                                dir.resolve("pos.csv"),
                                                "text\n" + "a plombix\nb plombix\nc plombix\nd plombix\ne plombix\n")
                                        .toString()),
                        "only 0 negative examples (rows with label 0/no, or --negatives FILE); 20 are needed and the model's training data /tmp/secret/synthetic.csv is not there"));
        for (Case c : cases) {
            err.reset();
            List<String> args = new ArrayList<>(List.of(
                    "extend", "-m", model.toString(), "--description", "About plombix.", "-o", target.toString()));
            args.addAll(c.args());
            assertThat(Main.run(args.toArray(String[]::new))).as(c.message()).isEqualTo(Main.BAD_INPUT);
            assertThat(err()).as(c.message()).contains(c.message()).startsWith("framescope: error: ");
            assertThat(err().strip().lines()).as(c.message()).hasSize(1);
        }
        assertThat(target).doesNotExist();
        err.reset();
        assertThat(Main.run("extend", "-m", model.toString(), "--task", "frames", "--label", "d"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("Missing required options");
    }
}
