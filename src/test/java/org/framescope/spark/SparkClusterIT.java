package org.framescope.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.framescope.FrameScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real distributed run: a standalone Spark master and two one-core workers as separate JVMs
 * (from the Spark jars of the build, as SPARK_HOME/jars, without framescope's own libraries), and
 * {@code spark-submit} of ScoreJob with the application jar that {@code mvn package} built. The
 * executors get framescope, DL4J, ONNX Runtime and the encoder only from that jar.
 */
class SparkClusterIT {

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopCluster() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void twoWorkersScoreEveryRowAndLoadTheModelOncePerExecutor(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("framescope.sparkJar"));
        assertThat(jar).exists();
        Path home = sparkHome(dir.resolve("spark-home"));
        Path logConfig = dir.resolve("logback.xml");
        Files.writeString(logConfig, """
                <configuration>
                  <appender name="E" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder></appender>
                  <logger name="org.framescope" level="INFO"/>
                  <root level="WARN"><appender-ref ref="E"/></root>
                </configuration>
                """);
        List<String> jvm = new ArrayList<>(List.of("-Dlogback.configurationFile=" + logConfig));
        jvm.addAll(Arrays.asList(System.getProperty("framescope.sparkOpens").trim().split("\\s+")));

        int port = freePort();
        start(dir, "master", home, jvm, "-Xmx512m", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitPort(port, 90);
        String master = "spark://127.0.0.1:" + port;
        for (int w = 1; w <= 2; w++) {
            start(dir, "worker" + w, home, jvm, "-Xmx512m", "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "1", "--memory", "2g", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", dir.resolve("work" + w).toString(), master);
        }

        Path in = dir.resolve("articles.csv");
        StringBuilder csv = new StringBuilder("id,text\n");
        int n = 12;
        for (int i = 0; i < n; i++) {
            String text = i == 5 ? "" : "Article " + i + ": a defence ministry spokesperson said the joint patrols with "
                    + (i % 2 == 0 ? "French" : "Russian") + " forces would continue in the north, where armed groups attacked a convoy.";
            csv.append("c").append(i).append(",\"").append(text).append("\"\n");
        }
        Files.writeString(in, csv);
        Path out = dir.resolve("scored.jsonl");
        List<String> submit = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client",
                "--class", "org.framescope.spark.ScoreJob",
                "--conf", "spark.executor.cores=1", "--conf", "spark.executor.memory=1500m", "--conf", "spark.cores.max=2",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
                // Start scoring only once both executors are up, so that both get partitions.
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=180s",
                "--conf", "spark.executor.extraJavaOptions=-Dlogback.configurationFile=" + logConfig
                        + " -Dframescope.cache=" + dir.resolve("executor-cache"),
                jar.toString(),
                "-i", in.toString(), "-o", out.toString(), "-m", Path.of(FrameScope.DEFAULT_MODEL_FILE).toAbsolutePath().toString(),
                "--partitions", "6", "--no-paragraphs"));
        Process job = start(dir, "submit", home, jvm, "-Xmx1g", "org.apache.spark.deploy.SparkSubmit", submit.toArray(String[]::new));
        boolean done = job.waitFor(6, TimeUnit.MINUTES);
        String stdout = Files.readString(dir.resolve("submit.out"));
        String stderr = Files.readString(dir.resolve("submit.err"));
        assertThat(done).as("the job finished within 6 minutes; stderr:\n" + tail(stderr)).isTrue();
        assertThat(job.exitValue()).as("exit 2: one row is bad; stderr:\n" + tail(stderr)).isEqualTo(2);

        ObjectMapper m = new ObjectMapper();
        JsonNode summary = m.readTree(stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertThat(summary.get("rows").asLong()).isEqualTo(n);
        assertThat(summary.get("errors").asLong()).isEqualTo(1);
        Map<String, Integer> loads = new HashMap<>();
        summary.get("modelLoads").fields().forEachRemaining(e -> loads.put(e.getKey(), e.getValue().asInt()));
        assertThat(loads).as("two executors, six partitions: one load in each executor").hasSize(2).containsValues(1, 1);
        assertThat(loads.values()).containsOnly(1);

        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    rows.add(m.readTree(line));
                }
            }
        }
        assertThat(rows).hasSize(n);
        assertThat(rows.stream().map(r -> r.get("id").asText()).distinct()).hasSize(n);
        for (JsonNode r : rows) {
            if (r.get("id").asText().equals("c5")) {
                assertThat(r.get("error").asText()).isEqualTo("empty text");
            } else {
                assertThat(r.has("error")).as(r.toString()).isFalse();
                assertThat(r.get("language").asText()).isEqualTo("en");
                assertThat(r.get("scores").size()).isGreaterThan(2);
            }
        }
    }

    /** SPARK_HOME with jars/ linking to the build's Spark jars: the layout Spark's launcher builds executor class paths from. */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        String cp = Files.readString(Path.of(System.getProperty("framescope.sparkClasspath"))).strip();
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar")) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p);
                }
            }
        }
        return home;
    }

    private Process start(Path dir, String name, Path home, List<String> jvm, String heap, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", home.resolve("jars") + File.separator + "*", main));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spark master did not listen on port " + port + " within " + seconds + " s");
    }

    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
