package org.framescope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framescope.FrameScope;
import org.framescope.server.FrameScopeServer;
import org.framescope.server.ServerConfig;
import org.framescope.server.TinyModel;
import org.framescope.train.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and {@code loadtest} through the command line: refusals, a short load run, and SIGTERM on a real process. */
class ServerCliTest extends ConsoleCapture {

    @TempDir
    Path dir;

    @Test
    void serveRefusesANonLoopbackAddressWithoutAKey() {
        assumeTrue(System.getenv(ServeCommand.KEY_ENV) == null, "an API key is set in the environment");
        int code = Main.run(
                "serve",
                "--host",
                "0.0.0.0",
                "--port",
                "0",
                "-m",
                TinyModel.file().toString());
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("refusing to listen on 0.0.0.0 without an API key");
    }

    @Test
    void serveRefusesAMissingEmptyOrWeakKeyFile() throws Exception {
        String model = TinyModel.file().toString();
        assertThat(Main.run(
                        "serve",
                        "--host",
                        "0.0.0.0",
                        "--port",
                        "0",
                        "-m",
                        model,
                        "--api-key-file",
                        dir.resolve("nope").toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("API key file not found");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThat(Main.run(
                        "serve", "--host", "0.0.0.0", "--port", "0", "-m", model, "--api-key-file", empty.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("API key file is empty");
        Path weak = Files.writeString(dir.resolve("weak"), "secret\n");
        assertThat(Main.run(
                        "serve", "--host", "0.0.0.0", "--port", "0", "-m", model, "--api-key-file", weak.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("shorter than 16 characters");
    }

    @Test
    void serveFailsCleanlyWhenTheModelCannotBeLoaded() {
        int code = Main.run(
                "serve", "--port", "0", "-m", dir.resolve("missing.zip").toString());
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("model file not found").doesNotContain("\tat ");
    }

    @Test
    void serveExitsWith2OnAZipBombModelInsteadOfStayingUpUnready() throws Exception {
        // The tiny model with its lexical.json replaced by 65 MiB of zeros (a file of about 70 KB).
        Path bomb = dir.resolve("bomb.zip");
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(TinyModel.file()));
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(bomb))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(e.getName().equals("lexical.json") ? new byte[65 << 20] : in.readAllBytes());
            }
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        int code = Main.run("serve", "--port", "0", "-m", bomb.toString());
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err())
                .contains("entry 'lexical.json' expands past 64 MiB, the limit")
                .doesNotContain("\tat ");
    }

    @Test
    void loadtestRefusesTargetsOffLoopback() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "id,text\na,Some text.\n");
        // 192.0.2.0/24 is reserved for documentation: the refusal comes before any connection.
        assertThat(Main.run("loadtest", "--url", "http://192.0.2.10:8080", "--data", csv.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("refusing to load-test 192.0.2.10: loopback addresses only");
        assertThat(Main.run("loadtest", "--url", "https://127.0.0.1:8080", "--data", csv.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(Main.run(
                        "loadtest", "--url", "http://127.0.0.1:8080", "--data", csv.toString(), "--duration", "601"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(Main.run(
                        "loadtest",
                        "--url",
                        "http://127.0.0.1:8080",
                        "--data",
                        csv.toString(),
                        "--concurrency",
                        "1,1000"))
                .isEqualTo(Main.BAD_INPUT);
    }

    @Test
    void loadtestPrintsAMarkdownTableAgainstALiveServer() throws Exception {
        Path csv = dir.resolve("paragraphs.csv");
        Files.writeString(
                csv,
                SyntheticData.paragraphCsv(SyntheticData.articles(6, 3, 11), "test")
                        + SyntheticData.paragraphCsv(SyntheticData.articles(4, 3, 12), "train")
                                .lines()
                                .skip(1)
                                .map(l -> l + "\n")
                                .reduce("", String::concat));
        try (FrameScope fs = FrameScope.open(TinyModel.bundle(), FrameScope.Options.defaults(), null);
                FrameScopeServer server = FrameScopeServer.start(ServerConfig.defaults())) {
            server.ready(fs);
            int code = Main.run(
                    "loadtest",
                    "--url",
                    "http://127.0.0.1:" + server.port(),
                    "--data",
                    csv.toString(),
                    "--split",
                    "test",
                    "--concurrency",
                    "1,2",
                    "--duration",
                    "1",
                    "--warmup",
                    "0",
                    "--max-requests",
                    "500");
            assertThat(code).as(err()).isZero();
        }
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).contains("6 articles (18 paragraphs)");
        assertThat(lines)
                .contains(
                        "| concurrency | requests | duration s | throughput (paragraphs/s) | p50 ms | p95 ms | p99 ms | 503s | other errors | server peak RSS |");
        List<String> rows =
                lines.stream().filter(l -> l.matches("\\| [12] \\|.*")).toList();
        assertThat(rows).hasSize(2);
        for (String r : rows) {
            String[] cells = r.split("\\|");
            assertThat(Long.parseLong(cells[2].strip())).isPositive().isLessThanOrEqualTo(500);
            assertThat(Double.parseDouble(cells[4].strip())).isPositive();
            assertThat(cells[9].strip()).isEqualTo("0");
            assertThat(cells[10].strip()).endsWith("MB");
        }
    }

    @Test
    void sigtermStopsARealServeProcessGracefully() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-Xmx1g",
                "org.framescope.cli.Main",
                "serve",
                "--port",
                "0",
                "-m",
                TinyModel.file().toString(),
                "--workers",
                "1");
        // The class path travels in the environment: ONNX Runtime crashes on long command lines (see NOTES).
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // A file, not a pipe: what the process writes while it exits must not be lost to a reader race.
        Path errFile = dir.resolve("serve.err");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        try {
            Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
            long end = System.currentTimeMillis() + 60_000;
            Matcher m = listening.matcher(Files.readString(errFile));
            while (!m.find() && p.isAlive() && System.currentTimeMillis() < end) {
                Thread.sleep(50);
                m = listening.matcher(Files.readString(errFile));
            }
            m = listening.matcher(Files.readString(errFile));
            assertThat(m.find()).as(Files.readString(errFile)).isTrue();
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int ready = 0;
            while (System.currentTimeMillis() < end
                    && (ready = status(
                                    client,
                                    HttpRequest.newBuilder(URI.create(base + "/readyz"))
                                            .GET()))
                            != 200) {
                Thread.sleep(100);
            }
            assertThat(ready).as(Files.readString(errFile)).isEqualTo(200);
            String text =
                    String.join("\n\n", SyntheticData.articles(1, 3, 4).get(0).paragraphs());
            int classified = status(
                    client,
                    HttpRequest.newBuilder(URI.create(base + "/v1/classify"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":"
                                    + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text)
                                    + "}")));
            assertThat(classified).isEqualTo(200);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS))
                    .as(Files.readString(errFile))
                    .isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
            assertThat(Files.readString(errFile))
                    .contains("stopping: finishing requests in flight", "FrameScopeServer - stopped");
        } finally {
            p.destroyForcibly();
        }
    }

    private static int status(HttpClient client, HttpRequest.Builder b) {
        try {
            return client.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
