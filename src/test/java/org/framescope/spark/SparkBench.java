package org.framescope.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.framescope.cli.SpeedBench;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The Spark benchmark (not a test; docs/spark-bench.sh runs it): the same articles scored by
 * {@code framescope predict} on this machine, by ScoreJob on Spark {@code local[2]}, and by
 * ScoreJob on a standalone cluster of two one-core workers, in one run. Every figure is wall time
 * of the whole command (JVM start and model load included), since that is what a user waits for;
 * ratios are against predict. Prints a Markdown table to stdout.
 */
public final class SparkBench {

    private static long peakExecutorRss;

    private SparkBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code ARTICLES WORKDIR}: how many articles of data/articles.csv to score, and a scratch directory
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        Path jar = Path.of("target/framescope-spark.jar").toAbsolutePath();
        Path model = Path.of("models/framescope-geo-v2.zip").toAbsolutePath();
        Path in = dir.resolve("articles.csv");
        long chars = writeInput(Path.of("data/articles.csv"), in, n);
        System.err.printf(Locale.ROOT, "%d articles, %d characters%n", n, chars);

        List<String[]> rows = new ArrayList<>();
        double predict = time(() -> {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx6g",
                    "-Dai.djl.offline=true", "-jar", "target/framescope.jar", "predict", "-i", in.toString(),
                    "-o", dir.resolve("predict.csv").toString(), "-m", model.toString(), "--no-paragraphs")
                    .redirectOutput(dir.resolve("predict.out").toFile()).redirectError(dir.resolve("predict.err").toFile());
            pb.environment().put("OMP_NUM_THREADS", "1");
            check(pb.start(), "predict");
        });
        rows.add(row("framescope predict (one JVM, 2 encoder threads)", n, predict, predict, null));
        try (LocalSparkCluster cluster = new LocalSparkCluster(dir)) {
            double local = submit(cluster, "local", "local[2]", jar, model, in, dir, rows, n, predict);
            String master = cluster.startStandalone(2, "3g");
            submit(cluster, "standalone", master, jar, model, in, dir, rows, n, predict);
            System.err.printf(Locale.ROOT, "local[2] at %.0f%% of predict%n", 100 * predict / local);
        }
        System.out.println("Machine: " + SpeedBench.machine());
        System.out.printf(Locale.ROOT, "Input: %d articles of data/articles.csv (%d characters), no paragraph results%n%n", n, chars);
        System.out.println("| run | wall s | articles/s | vs predict | job s (in the driver) |");
        System.out.println("|---|---|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
        if (peakExecutorRss > 0) {
            System.out.printf(Locale.ROOT, "%nPeak resident memory of one standalone executor (1 core, spark.executor.memory=2500m): %d MiB%n", peakExecutorRss);
        }
    }

    private static double submit(LocalSparkCluster cluster, String name, String master, Path jar, Path model, Path in,
                                 Path dir, List<String[]> rows, int n, double predict) throws Exception {
        Path out = dir.resolve(name + ".jsonl");
        List<String> args = List.of("--master", master, "--deploy-mode", "client", "--class", "org.framescope.spark.ScoreJob",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.executor.cores=1", "--conf", "spark.executor.memory=2500m", "--conf", "spark.cores.max=2",
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.executor.extraJavaOptions=-Dlogback.configurationFile=" + cluster.logConfig(),
                jar.toString(), "-i", in.toString(), "-o", out.toString(), "-m", model.toString(),
                "--no-paragraphs", "--partitions", "8", "--overwrite");
        double[] wall = new double[1];
        long[] rss = new long[1];
        wall[0] = time(() -> {
            Process p = cluster.submit(name, args);
            while (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
                rss[0] = Math.max(rss[0], cluster.executorRssMib());
            }
            check(p, "spark-submit " + name);
        });
        if (rss[0] > 0) {
            System.err.printf(Locale.ROOT, "%s: peak executor RSS %d MiB%n", name, rss[0]);
            peakExecutorRss = Math.max(peakExecutorRss, rss[0]);
        }
        JsonNode summary = new ObjectMapper().readTree(Files.readAllLines(cluster.out("submit-" + name)).stream()
                .filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        String label = master.startsWith("local") ? "ScoreJob on Spark local[2]" : "ScoreJob on a standalone cluster, 2 workers x 1 core";
        rows.add(row(label, n, wall[0], predict, summary.get("seconds").asDouble()));
        return wall[0];
    }

    private static String[] row(String name, int n, double wall, double predict, Double job) {
        return new String[]{name, String.format(Locale.ROOT, "%.1f", wall), String.format(Locale.ROOT, "%.2f", n / wall),
                String.format(Locale.ROOT, "%.2f", predict / wall), job == null ? "" : String.format(Locale.ROOT, "%.1f", job)};
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double time(Step s) throws Exception {
        long t0 = System.nanoTime();
        s.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void check(Process p, String what) throws Exception {
        if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
    }

    /** The first n articles as id,text (the other columns of the corpus are labels, not input). */
    private static long writeInput(Path corpus, Path out, int n) throws Exception {
        long chars = 0;
        try (Reader r = Files.newBufferedReader(corpus, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
             Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             CSVPrinter pr = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            pr.printRecord("id", "text");
            int k = 0;
            for (CSVRecord rec : p) {
                if (k++ == n) {
                    break;
                }
                pr.printRecord(rec.get("id"), rec.get("text"));
                chars += rec.get("text").length();
            }
        }
        return chars;
    }
}
