package org.framescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process, with the shipped model. */
class CliTest extends ConsoleCapture {

    @TempDir
    Path dir;

    static final String MODEL = "models/framescope-geo-v2.zip";

    @Test
    void classifyPrintsArticleLabelsEvidenceAndParagraphs() {
        int code = Main.run(
                "classify",
                "-m",
                MODEL,
                "data/examples/sahel-defence-pact.txt",
                "data/examples/mali-partenariat-fr.txt");
        assertThat(code).isZero();
        assertThat(out())
                .contains(
                        "language: en",
                        "language: fr",
                        "frames:",
                        "stance_west:",
                        "stance_russia:",
                        "Evidence",
                        "¶0 (title)")
                .doesNotContain("¶7");
        assertThat(out()).contains("Dropped boilerplate: \"Skip to main content\"");
    }

    @Test
    void classifyJsonIsOneObjectPerArticle() {
        assertThat(Main.run("classify", "-m", MODEL, "--json", "data/examples/sahel-defence-pact.txt"))
                .isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .startsWith("{\"id\":\"data/examples/sahel-defence-pact.txt\"")
                .contains("\"evidence\":[");
    }

    @Test
    void classifyExplainMarksTheCarryingSentenceAndListsTerms() throws Exception {
        assertThat(Main.run("classify", "-m", MODEL, "--explain", "data/examples/sahel-defence-pact.txt"))
                .isZero();
        assertThat(out()).contains("Why (occlusion", "»", "«", "terms: up ", "sentences: ");
        String readable = out();
        assertThat(Main.run("classify", "-m", MODEL, "--json", "--explain", "data/examples/sahel-defence-pact.txt"))
                .isZero();
        String json = out().substring(readable.length());
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.lines().findFirst().orElseThrow());
        assertThat(n.path("explanations").size()).isPositive();
        assertThat(n.path("explanations").get(0).path("level").asText()).isEqualTo("article");
        assertThat(n.path("explanations").get(0).path("terms").toString())
                .contains("\"block\":\"lexical\"", "\"block\":\"embedding\"");
    }

    @Test
    void predictExplainWritesExplanationsPerRowInJsonlOnly() throws Exception {
        Path in = dir.resolve("p.csv");
        Files.writeString(
                in,
                "article_id,paragraph,text\nA,0,The defence ministry signed a training pact with Moscow. Instructors will arrive next month.\n"
                        + "A,1,Critics called the deal a betrayal of the partners who fought beside the army.\n");
        Path o = dir.resolve("o.jsonl");
        assertThat(Main.run("predict", "-m", MODEL, "--explain", "-i", in.toString(), "-o", o.toString()))
                .isZero();
        List<String> lines = Files.readAllLines(o);
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"explanations\":["));
        assertThat(lines.get(0)).contains("\"level\":\"article\"", "\"sentences\":[{\"paragraph\":");
        assertThat(Main.run(
                        "predict",
                        "-m",
                        MODEL,
                        "--explain",
                        "-i",
                        in.toString(),
                        "-o",
                        dir.resolve("o.csv").toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("--explain writes nested explanations: use a .jsonl output or --format jsonl");
        assertThat(Files.exists(dir.resolve("o.csv"))).isFalse();
    }

    @Test
    void predictAnswersEveryRowAndWritesAtomically() throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(
                in,
                "id,text\na1,\"Mali and Russia sign a defence pact.\n\nInstructors will arrive next month.\"\na2,\"   \"\na3,Show More\n");
        Path outFile = dir.resolve("out.csv");
        int code = Main.run("predict", "-m", MODEL, "-i", in.toString(), "-o", outFile.toString());
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        List<String> rows = Files.readAllLines(outFile);
        assertThat(rows.get(0))
                .startsWith(
                        "id,row,level,paragraph,lang,status,error,frames,stance_west,stance_russia,frames:security_cooperation");
        assertThat(rows).anyMatch(r -> r.startsWith("a1,2,article,"));
        assertThat(rows).filteredOn(r -> r.startsWith("a1,2,paragraph,")).hasSize(2);
        assertThat(rows).anyMatch(r -> r.startsWith("a2,3,error,,,error,empty text"));
        assertThat(rows).anyMatch(r -> r.startsWith("a3,4,error,") && r.contains("no text left"));
        assertThat(err()).contains("in.csv: row 3: empty text");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.csv", "out.csv");
        }
    }

    /** Regression (#9): -o naming the input, directly or through a link, replaced the input with predictions. */
    @Test
    void predictRefusesToOverwriteItsInput() throws Exception {
        Path in = dir.resolve("in.csv");
        String csv = "id,text\na1,Mali and Russia sign a defence pact.\n";
        Files.writeString(in, csv);
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, in);
        for (Path o : List.of(in, link, dir.resolve(".").resolve("in.csv"))) {
            assertThat(Main.run("predict", "-m", MODEL, "-i", in.toString(), "-o", o.toString()))
                    .isEqualTo(Main.BAD_INPUT);
            assertThat(Files.readString(in)).isEqualTo(csv);
        }
        assertThat(err()).contains("the output is the input file");
    }

    /** Regression (#9): DJL's two "Failed to detect GPU count" warnings opened every command's stderr. */
    @Test
    void cudaProbeWarningsAreSilenced() {
        var cuda = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils");
        assertThat(cuda.getEffectiveLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
        var djl = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ai.djl.repository");
        assertThat(djl.getEffectiveLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
    }

    @Test
    void predictParagraphCsvToJsonl() throws Exception {
        Path in = dir.resolve("p.csv");
        Files.writeString(
                in,
                "article_id,paragraph,text\nA,1,The envoy met the foreign minister.\nA,0,Talks in Dakar\nB,0,Drought hits the north.\n");
        Path o = dir.resolve("o.jsonl");
        assertThat(Main.run("predict", "-m", MODEL, "-i", in.toString(), "-o", o.toString()))
                .isZero();
        List<String> lines = Files.readAllLines(o);
        assertThat(lines).hasSize(5);
        assertThat(lines).filteredOn(l -> l.contains("\"level\":\"paragraph\"")).hasSize(3);
        assertThat(lines.get(0)).contains("\"labels\":{\"frames\":[").contains("\"scores\":{\"frames\":{");
    }

    @Test
    void badInputFilesExitTwoWithOneLineAndNoOutput() throws Exception {
        Path o = dir.resolve("o.csv");
        record Case(String name, byte[] content, String message) {}
        List<Case> cases = List.of(
                new Case(
                        "missing.csv",
                        "id,body\n1,hello\n".getBytes(StandardCharsets.UTF_8),
                        "row 1, column 'text': missing column"),
                new Case("quote.csv", "id,text\n1,\"broken\n".getBytes(StandardCharsets.UTF_8), "malformed CSV"),
                new Case(
                        "latin1.csv",
                        "id,text\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),
                        "not valid UTF-8"),
                new Case("empty.csv", new byte[0], "empty file"));
        for (Case c : cases) {
            Path in = dir.resolve(c.name());
            Files.write(in, c.content());
            err.reset();
            int code = Main.run("predict", "-m", MODEL, "-i", in.toString(), "-o", o.toString());
            assertThat(code).as(c.name()).isEqualTo(Main.BAD_INPUT);
            assertThat(err().strip())
                    .as(c.name())
                    .startsWith("framescope: error: " + in)
                    .contains(c.message());
            assertThat(err().strip().lines()).as(c.name()).hasSize(1);
            assertThat(o).as(c.name()).doesNotExist();
        }
    }

    @Test
    void oversizedParagraphGetsAnErrorRow() throws Exception {
        Path in = dir.resolve("big.csv");
        Files.writeString(
                in, "id,text\nbig," + "word ".repeat(1024 * 1024) + "\nsmall,Talks resumed in Addis Ababa.\n");
        Path o = dir.resolve("o.csv");
        assertThat(Main.run("predict", "-m", MODEL, "-i", in.toString(), "-o", o.toString()))
                .isEqualTo(Main.BAD_INPUT);
        List<String> rows = Files.readAllLines(o);
        assertThat(rows).anyMatch(r -> r.startsWith("big,2,error,") && r.contains("over the limit of 200000"));
        assertThat(rows).anyMatch(r -> r.startsWith("small,3,article,"));
    }

    @Test
    void evalPrintsPerLabelTablesAtBothLevels() {
        assertThat(Main.run("eval", "-m", MODEL, "-d", "data/paragraphs.csv", "--split", "test"))
                .isZero();
        assertThat(out())
                .contains(
                        "PARAGRAPH LEVEL",
                        "ARTICLE LEVEL",
                        "security_cooperation",
                        "macro avg",
                        "micro avg",
                        "confusion");
    }

    @Test
    void evalRejectsLabelsOutsideTheModelScheme() throws Exception {
        Path in = dir.resolve("other.csv");
        Files.writeString(in, "id,text,frames,stance_west,stance_russia\n1,Some text,made_up_frame,none,none\n");
        assertThat(Main.run("eval", "-m", MODEL, "-d", in.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("row 2, column 'frames': unknown label 'made_up_frame'");
    }

    @Test
    void infoPrintsTheModelCard() {
        assertThat(Main.run("info", MODEL)).isZero();
        assertThat(out())
                .contains("framescope-geo-v2", "security_cooperation", "bge-small-en-v15", "seed", "Metrics (test)");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(Main.run("classify", "--no-such-option", "x.txt")).isEqualTo(2);
        assertThat(Main.run("classify", "-m", MODEL, dir.resolve("nope.txt").toString()))
                .isEqualTo(2);
        assertThat(err()).contains("nope.txt: file not found");
    }

    @Test
    void corruptModelIsRefusedClearly() throws Exception {
        Path bad = dir.resolve("bad.zip");
        Files.write(bad, new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThat(Main.run("info", bad.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("bad.zip").containsAnyOf("truncated", "not a framescope model");
    }
}
