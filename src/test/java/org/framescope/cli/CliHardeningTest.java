package org.framescope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.framescope.FrameScope;
import org.framescope.server.FrameScopeServer;
import org.framescope.server.ServerConfig;
import org.framescope.server.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Regressions of issue #9 (items 7, 8, 9, 11): the error contract of the command line. */
class CliHardeningTest extends ConsoleCapture {

    @TempDir
    Path dir;

    static final String MODEL = CliTest.MODEL;

    /** Exit 2 and exactly one stderr line that contains every fragment. */
    private void assertOneLineError(int code, String... fragments) {
        assertThat(code).as(err()).isEqualTo(Main.BAD_INPUT);
        List<String> lines =
                err().strip().lines().filter(l -> !l.startsWith("SLF4J")).toList();
        assertThat(lines).as(err()).hasSize(1);
        assertThat(lines.get(0))
                .startsWith("framescope: error: ")
                .contains(fragments)
                .doesNotContain("Exception", "\tat ");
    }

    private int run(String... args) {
        err.reset();
        out.reset();
        return Main.run(args);
    }

    @Test
    void fastAndAModelFileAreExclusive() {
        assertOneLineError(
                run("classify", "--fast", "-m", MODEL, "data/examples/sahel-defence-pact.txt"),
                "--fast and --model are exclusive");
    }

    // ---- item 7: JSON Lines -------------------------------------------------------------------

    @Test
    void jsonlLineMustHoldExactlyOneObjectElseItGetsAnErrorRow() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.write(("{\"id\":\"a1\",\"text\":\"Mali and Russia sign a defence pact.\"}\n"
                        + "{\"id\":\"a2\",\"text\":\"Talks resumed in Addis Ababa.\"}{\"id\":\"a3\",\"text\":\"Second object.\"}\n"
                        + "{\"id\":\"a4\",\"text\":\"Envoys met in Dakar.\"} trailing\n"
                        + "[1, 2]\n"
                        + "{\"id\":\"a6\",\"text\":\"caf")
                .getBytes(StandardCharsets.UTF_8));
        b.write(0xE9); // Latin-1 é: not UTF-8
        b.write("\"}\n\n{\"id\":\"a7\",\"text\":\"Drought hits the north.\"}\n".getBytes(StandardCharsets.UTF_8));
        Path in = Files.write(dir.resolve("in.jsonl"), b.toByteArray());
        Path o = dir.resolve("o.jsonl");
        assertThat(run("predict", "-m", MODEL, "-i", in.toString(), "-o", o.toString(), "--no-paragraphs"))
                .isEqualTo(Main.BAD_INPUT);
        List<String> rows = Files.readAllLines(o);
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0)).contains("\"id\":\"a1\"", "\"row\":1", "\"status\":\"ok\"");
        assertThat(rows.get(1)).contains("\"row\":2", "\"status\":\"error\"", "more than one JSON value on the line");
        assertThat(rows.get(2)).contains("\"row\":3", "\"status\":\"error\"", "text after the JSON object");
        assertThat(rows.get(3)).contains("\"row\":4", "\"status\":\"error\"", "must be a JSON object, not an array");
        assertThat(rows.get(4)).contains("\"row\":5", "\"status\":\"error\"", "not valid UTF-8");
        assertThat(rows.get(5)).contains("\"id\":\"a7\"", "\"row\":7", "\"status\":\"ok\"");
        assertThat(err()).contains("in.jsonl: row 5: not valid UTF-8", "in.jsonl: row 2: more than one JSON value");
    }

    // ---- item 8: numeric options ----------------------------------------------------------------

    private static final Set<Class<?>> NUMERIC = Set.of(
            int.class,
            long.class,
            double.class,
            float.class,
            short.class,
            Integer.class,
            Long.class,
            Double.class,
            Float.class,
            Short.class);

    @Test
    void everyNumericOptionOfEveryCommandHasARangeCheckingConverter() {
        CommandLine root = new CommandLine(new Main());
        List<String> numeric = new ArrayList<>();
        root.getSubcommands().forEach((name, sub) -> {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                boolean isNumeric = NUMERIC.contains(o.type())
                        || (o.isMultiValue()
                                && o.auxiliaryTypes().length > 0
                                && NUMERIC.contains(o.auxiliaryTypes()[o.auxiliaryTypes().length - 1]));
                if (isNumeric) {
                    numeric.add(name + " " + o.longestName());
                    assertThat(o.converters()).as(name + " " + o.longestName()).isNotEmpty();
                    assertThat(o.converters()[0].getClass().getEnclosingClass())
                            .as(name + " " + o.longestName())
                            .isEqualTo(NumericOptions.class);
                }
            }
        });
        assertThat(numeric)
                .contains(
                        "predict --batch",
                        "train --epochs",
                        "cv --folds",
                        "serve --port",
                        "loadtest --duration",
                        "eval --bootstrap");
    }

    @Test
    void badNumbersAreOneLineUsageErrorsBeforeTheModelIsLoaded() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "id,text\na,Some text.\n");
        String missingModel = dir.resolve("no-model.zip").toString();
        String o = dir.resolve("o.csv").toString();
        record Case(String option, String[] args) {}
        List<Case> cases = List.of(
                new Case(
                        "'--batch'",
                        new String[] {"predict", "-m", missingModel, "-i", csv.toString(), "-o", o, "--batch", "0"}),
                new Case(
                        "'--batch'",
                        new String[] {"predict", "-m", missingModel, "-i", csv.toString(), "-o", o, "--batch", "-3"}),
                new Case(
                        "'--batch'",
                        new String[] {"predict", "-m", missingModel, "-i", csv.toString(), "-o", o, "--batch", "many"}),
                new Case(
                        "'--max-chars'",
                        new String[] {"classify", "-m", missingModel, "--max-chars", "0", csv.toString()}),
                new Case(
                        "'--threads'",
                        new String[] {"eval", "-m", missingModel, "-d", csv.toString(), "--threads", "-1"}),
                new Case(
                        "'--confidence'",
                        new String[] {"eval", "-m", missingModel, "-d", csv.toString(), "--confidence", "1.5"}),
                new Case("'--worst'", new String[] {"eval", "-m", missingModel, "-d", csv.toString(), "--worst", "-1"}),
                new Case("'--epochs'", new String[] {"train", "-d", csv.toString(), "-o", o, "--epochs", "0"}),
                new Case("'--lr'", new String[] {"train", "-d", csv.toString(), "-o", o, "--lr", "NaN"}),
                new Case("'--dropout'", new String[] {"train", "-d", csv.toString(), "-o", o, "--dropout", "1"}),
                new Case("'--hidden'", new String[] {"train", "-d", csv.toString(), "-o", o, "--hidden", "0,-256"}),
                new Case("'--window'", new String[] {"train", "-d", csv.toString(), "-o", o, "--window", "1024"}),
                new Case("'--folds'", new String[] {"cv", "-d", csv.toString(), "--folds", "1"}),
                new Case("'--fractions'", new String[] {"cv", "-d", csv.toString(), "--fractions", "0.5,0"}),
                new Case("'--repeat'", new String[] {"bench", "-m", missingModel, "-d", csv.toString(), "--repeat", "0"
                }),
                new Case("'--port'", new String[] {"serve", "-m", missingModel, "--port", "65536"}),
                new Case("'--queue'", new String[] {"serve", "-m", missingModel, "--queue", "0"}),
                new Case("'--max-requests'", new String[] {
                    "loadtest", "--url", "http://127.0.0.1:1", "-d", csv.toString(), "--max-requests", "0"
                }),
                new Case("'--format'", new String[] {
                    "predict", "-m", missingModel, "-i", csv.toString(), "-o", o, "--format", "xml"
                }));
        for (Case c : cases) {
            int code = run(c.args());
            assertOneLineError(code, "option " + c.option());
            assertThat(err()).as(String.join(" ", c.args())).doesNotContain("model file not found", "no-model.zip");
        }
        assertThat(run("predict", "-m", missingModel, "-i", csv.toString(), "-o", o, "--format", "xml"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("'xml' is not a format: use csv or jsonl").doesNotContain("XML", "enum");
    }

    // ---- item 9: error contract ------------------------------------------------------------------

    @Test
    void aDirectoryAsInputIsABadInputNamingIt() throws Exception {
        Path d = Files.createDirectory(dir.resolve("articles"));
        assertOneLineError(
                run(
                        "predict",
                        "-m",
                        MODEL,
                        "-i",
                        d.toString(),
                        "-o",
                        dir.resolve("o.csv").toString()),
                d.toString(),
                "is a directory");
        assertOneLineError(run("classify", "-m", MODEL, d.toString()), d.toString(), "is a directory");
        assertOneLineError(run("eval", "-m", MODEL, "-d", d.toString()), d.toString(), "is a directory");
    }

    @Test
    void anUnreadableInputIsABadInputNamingIt() throws Exception {
        Path f = unreadableFile();
        assertOneLineError(
                run(
                        "predict",
                        "-m",
                        MODEL,
                        "-i",
                        f.toString(),
                        "-o",
                        dir.resolve("o.csv").toString()),
                f.toString(),
                "permission denied");
        assertOneLineError(run("classify", "-m", MODEL, f.toString()), f.toString(), "permission denied");
    }

    @Test
    void anInvalidSchemeJsonIsABadInputNamingFileLineAndColumn() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), "id,text,frames\na,Some text.,x\n");
        Path scheme =
                Files.writeString(dir.resolve("scheme.json"), "{\"name\": \"s\",\n \"tasks\": [ {\"name\": frames} ]}");
        assertOneLineError(
                run(
                        "train",
                        "-d",
                        csv.toString(),
                        "-o",
                        dir.resolve("m.zip").toString(),
                        "--scheme",
                        scheme.toString()),
                scheme.toString(),
                "not a valid JSON label scheme: line 2, column",
                "'frames'");
        assertThat(err()).doesNotContain("JsonParseException", "Source:", "REDACTED");
    }

    @Test
    void anOutputThatIsADirectoryOrNotWritableIsRefusedBeforeAnyWork() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "id,text\na,Mali and Russia sign a defence pact.\n");
        String missingModel = dir.resolve("no-model.zip").toString();
        Path outDir = Files.createDirectory(dir.resolve("out"));
        // The model does not exist: an answer about the output proves the check ran before loading it.
        assertOneLineError(
                run("predict", "-m", missingModel, "-i", csv.toString(), "-o", outDir.toString()),
                outDir.toString(),
                "is a directory");
        Path underFile = csv.resolve("o.csv");
        assertOneLineError(
                run("predict", "-m", missingModel, "-i", csv.toString(), "-o", underFile.toString()),
                underFile.toString(),
                "not a directory");
        Path ro = readOnlyDir().resolve("o.csv");
        assertOneLineError(
                run("predict", "-m", missingModel, "-i", csv.toString(), "-o", ro.toString()),
                ro.toString(),
                "cannot write the output");
        assertOneLineError(
                run("eval", "-m", missingModel, "-d", csv.toString(), "--report", outDir.toString()),
                outDir.toString(),
                "is a directory");
        assertOneLineError(
                run("train", "-d", csv.toString(), "-o", ro.toString()), ro.toString(), "cannot write the output");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("ro")))
                    .containsExactlyInAnyOrder("in.csv", "out");
        }
    }

    @Test
    void corpusOnAMissingDirectoryIsABadInput() {
        Path d = dir.resolve("no-corpus");
        assertOneLineError(run("corpus", d.toString()), d.toString(), "no such directory");
        assertOneLineError(run("corpus", dir.toString()), "scheme.json", "file not found");
    }

    @Test
    void aBadByteIsBlamedOnItsOwnRow() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("id,text\n".getBytes(StandardCharsets.UTF_8));
        for (int r = 2; r <= 500; r++) {
            b.write(("a" + r + ",\"Paragraph of row " + r
                            + ", long enough to fill the decoder's buffer well before row 400.\"\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (r == 399) {
                b.write("a400,caf".getBytes(StandardCharsets.UTF_8));
                b.write(0xE9);
                b.write(" au lait\n".getBytes(StandardCharsets.UTF_8));
                r++;
            }
        }
        Path in = Files.write(dir.resolve("bad.csv"), b.toByteArray());
        assertOneLineError(
                run(
                        "predict",
                        "-m",
                        MODEL,
                        "-i",
                        in.toString(),
                        "-o",
                        dir.resolve("o.csv").toString()),
                in + ": row 400: not valid UTF-8");
    }

    @Test
    void aRepeatedHeaderNameGetsOurOwnMessage() throws Exception {
        Path in = Files.writeString(dir.resolve("dup.csv"), "id,text,text\na,b,c\n");
        assertOneLineError(
                run(
                        "predict",
                        "-m",
                        MODEL,
                        "-i",
                        in.toString(),
                        "-o",
                        dir.resolve("o.csv").toString()),
                in + ": row 1, column 'text': the header names this column twice (columns 2 and 3)");
        assertThat(err()).doesNotContain("DuplicateHeaderMode", "CSVFormat", "If this is valid");
    }

    // ---- item 11 -------------------------------------------------------------------------------

    @Test
    void predictCsvIdsAreFormulaSafe() throws Exception {
        Path in = Files.writeString(
                dir.resolve("in.csv"),
                "id,text\n=HYPERLINK(\"x\"),Mali and Russia sign a defence pact.\n@SUM(A1),Talks resumed.\n");
        Path csvOut = dir.resolve("o.csv");
        Path jsonOut = dir.resolve("o.jsonl");
        assertThat(run("predict", "-m", MODEL, "-i", in.toString(), "-o", csvOut.toString(), "--no-paragraphs"))
                .isZero();
        assertThat(Files.readAllLines(csvOut))
                .anyMatch(l -> l.startsWith("\"'=HYPERLINK(\"\"x\"\")\",2,article"))
                .anyMatch(l -> l.startsWith("'@SUM(A1),3,article"));
        assertThat(run("predict", "-m", MODEL, "-i", in.toString(), "-o", jsonOut.toString(), "--no-paragraphs"))
                .isZero();
        assertThat(Files.readString(jsonOut)).contains("\"id\":\"=HYPERLINK(\\\"x\\\")\"", "\"id\":\"@SUM(A1)\"");
    }

    @Test
    void loadtestStopsAtTheFirst401WithOneLine() throws Exception {
        assumeTrue(System.getenv(ServeCommand.KEY_ENV) == null, "an API key is set in the environment");
        Path csv = Files.writeString(
                dir.resolve("a.csv"), "id,text\na,Some text about talks.\nb,Other text about a pact.\n");
        try (FrameScope fs = FrameScope.open(TinyModel.bundle(), FrameScope.Options.defaults(), null);
                FrameScopeServer server =
                        FrameScopeServer.start(ServerConfig.defaults().withApiKey("loadtest-test-key-0123456789"))) {
            server.ready(fs);
            long t0 = System.nanoTime();
            int code = run(
                    "loadtest",
                    "--url",
                    "http://127.0.0.1:" + server.port(),
                    "-d",
                    csv.toString(),
                    "--split",
                    "test",
                    "--concurrency",
                    "2",
                    "--duration",
                    "30",
                    "--warmup",
                    "0");
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(15);
            assertThat(code).isEqualTo(Main.BAD_INPUT);
            List<String> errors = err().lines()
                    .filter(l -> l.startsWith("framescope: error:"))
                    .toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("401 Unauthorized", "--api-key-file", ServeCommand.KEY_ENV);
            assertThat(out()).doesNotContain("| concurrency |");
        }
    }

    @Test
    void aUserWithoutAHomeIsToldWhichCacheDirectoryToSet() throws Exception {
        assumeTrue(System.getenv("FRAMESCOPE_CACHE") == null, "FRAMESCOPE_CACHE is set in the environment");
        String cache = System.getProperty("framescope.cache");
        String home = System.getProperty("user.home");
        try {
            System.clearProperty("framescope.cache");
            System.setProperty("user.home", "?");
            int code = run("classify", "-m", MODEL, "data/examples/sahel-defence-pact.txt");
            assertThat(code).isEqualTo(Main.FAILURE);
            assertThat(err().strip()
                            .lines()
                            .filter(l -> l.startsWith("framescope:"))
                            .toList())
                    .singleElement()
                    .asString()
                    .contains("no home directory", "-Dframescope.cache=DIR", "FRAMESCOPE_CACHE=DIR")
                    .doesNotContain("Exception");
            assertThat(Path.of("?")).doesNotExist();
            // A cache location that cannot be created names itself and the same remedy.
            Path file = Files.writeString(dir.resolve("plain-file"), "x");
            System.setProperty("framescope.cache", file.resolve("cache").toString());
            assertThat(run("classify", "-m", MODEL, "data/examples/sahel-defence-pact.txt"))
                    .isEqualTo(Main.FAILURE);
            assertThat(err())
                    .contains(
                            "cannot write framescope's cache directory " + file.resolve("cache"),
                            "-Dframescope.cache=DIR");
        } finally {
            System.setProperty("user.home", home);
            if (cache == null) {
                System.clearProperty("framescope.cache");
            } else {
                System.setProperty("framescope.cache", cache);
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A file this process cannot read: mode 000, or, where that does not stop us (root), a write-only sysfs file. */
    private Path unreadableFile() throws IOException {
        Path f = Files.writeString(dir.resolve("secret.csv"), "id,text\na,b\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        if (!canOpen(f)) {
            return f;
        }
        for (String p : List.of("/sys/bus/pci/rescan", "/sys/bus/pci/drivers_probe")) {
            Path s = Path.of(p);
            if (Files.isRegularFile(s) && !canOpen(s)) {
                return s;
            }
        }
        return abort("no file here refuses reading to this user");
    }

    /** A directory this process cannot create files in: mode 555, or, for root, a read-only system directory. */
    private Path readOnlyDir() throws IOException {
        Path d = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!canCreateIn(d)) {
            return d;
        }
        Files.delete(d);
        for (String p : List.of("/sys", "/proc")) {
            if (Files.isDirectory(Path.of(p)) && !canCreateIn(Path.of(p))) {
                return Path.of(p);
            }
        }
        return abort("no directory here refuses writing to this user");
    }

    private static boolean canOpen(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            in.read();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canCreateIn(Path d) {
        try {
            Files.delete(Files.createTempFile(d, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
