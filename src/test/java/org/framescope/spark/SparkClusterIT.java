package org.framescope.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.framescope.FrameScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real distributed run: a standalone Spark master and two one-core workers as separate JVMs
 * (from the Spark jars of the build, as SPARK_HOME/jars, without framescope's own libraries), and
 * {@code spark-submit} of ScoreJob with the application jar that {@code mvn package} built. The
 * executors get framescope, DL4J, ONNX Runtime and the encoder only from that jar.
 */
class SparkClusterIT {

    @Test
    void twoWorkersScoreEveryRowAndLoadTheModelOncePerExecutor(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("framescope.sparkJar"));
        assertThat(jar).exists();
        try (LocalSparkCluster cluster = new LocalSparkCluster(dir)) {
            run(cluster, cluster.startStandalone(2, "2g"), jar, dir);
        }
    }

    private static void run(LocalSparkCluster cluster, String master, Path jar, Path dir) throws Exception {
        Path in = dir.resolve("articles.csv");
        StringBuilder csv = new StringBuilder("id,text\n");
        int n = 12;
        for (int i = 0; i < n; i++) {
            String text = i == 5
                    ? ""
                    : "Article " + i + ": a defence ministry spokesperson said the joint patrols with "
                            + (i % 2 == 0 ? "French" : "Russian")
                            + " forces would continue in the north, where armed groups attacked a convoy.";
            csv.append("c").append(i).append(",\"").append(text).append("\"\n");
        }
        Files.writeString(in, csv);
        Path out = dir.resolve("scored.jsonl");
        List<String> submit =
                cluster.scoreJobSubmit(master, "1500m", " -Dframescope.cache=" + dir.resolve("executor-cache"));
        submit.addAll(List.of(
                jar.toString(),
                "-i",
                in.toString(),
                "-o",
                out.toString(),
                "-m",
                Path.of(FrameScope.DEFAULT_MODEL_FILE).toAbsolutePath().toString(),
                "--partitions",
                "6",
                "--no-paragraphs"));
        Process job = cluster.submit("it", submit);
        boolean done = job.waitFor(6, TimeUnit.MINUTES);
        String stdout = Files.readString(cluster.out("submit-it"));
        String stderr = Files.readString(cluster.err("submit-it"));
        assertThat(done)
                .as("the job finished within 6 minutes; stderr:\n" + LocalSparkCluster.tail(stderr))
                .isTrue();
        assertThat(job.exitValue())
                .as("exit 2: one row is bad; stderr:\n" + LocalSparkCluster.tail(stderr))
                .isEqualTo(2);

        ObjectMapper m = new ObjectMapper();
        JsonNode summary = m.readTree(stdout.lines()
                .filter(l -> l.startsWith("{"))
                .reduce((a, b) -> b)
                .orElseThrow());
        assertThat(summary.get("rows").asLong()).isEqualTo(n);
        assertThat(summary.get("errors").asLong()).isEqualTo(1);
        Map<String, Integer> loads = new HashMap<>();
        summary.get("modelLoads")
                .fields()
                .forEachRemaining(e -> loads.put(e.getKey(), e.getValue().asInt()));
        assertThat(loads)
                .as("two executors, six partitions: one load in each executor")
                .hasSize(2)
                .containsValues(1, 1);
        assertThat(loads.values()).containsOnly(1);

        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .toList()) {
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
}
