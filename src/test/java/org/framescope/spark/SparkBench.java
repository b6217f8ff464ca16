package org.framescope.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.framescope.cli.SpeedBench;

/**
 * The Spark benchmark (not a test; docs/spark-bench.sh runs it): the same articles scored by
 * {@code framescope predict} on this machine, by ScoreJob on Spark {@code local[2]}, and by
 * ScoreJob on a standalone cluster of two one-core workers, in one run. Every figure is wall time
 * of the whole command (JVM start and model load included), since that is what a user waits for;
 * ratios are against predict. Each mode also runs on the first quarter of the articles, which
 * separates start-up from the steady rate. Prints a Markdown table to stdout.
 */
public final class SparkBench {

    /** Heap of each standalone executor: one core and one model need about this much (see the peak RSS printed). */
    private static final String EXECUTOR_MEMORY = "1g";

    private static long peakExecutorRss;

    private SparkBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code ARTICLES WORKDIR}: how many articles of data/articles.csv to score, and a scratch directory
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int small = Math.max(1, n / 4);
        Path dir = Files.createDirectories(Path.of(args[1]));
        Path jar = Path.of("target/framescope-spark.jar").toAbsolutePath();
        Path model = Path.of("models/framescope-geo-v2.zip").toAbsolutePath();
        Path in = dir.resolve("articles.csv");
        Path inSmall = dir.resolve("articles-small.csv");
        long chars = writeInput(Path.of("data/articles.csv"), in, n);
        writeInput(Path.of("data/articles.csv"), inSmall, small);
        System.err.printf(Locale.ROOT, "%d articles, %d characters (and the first %d)%n", n, chars, small);

        List<Run> runs = new ArrayList<>();
        runs.add(new Run(
                "framescope predict (one JVM, 2 encoder threads)",
                predict(inSmall, model, dir),
                predict(in, model, dir),
                null));
        try (LocalSparkCluster cluster = new LocalSparkCluster(dir)) {
            runs.add(submit(cluster, "local", "local[2]", jar, model, in, inSmall, dir));
            String master = cluster.startStandalone(2, "3g");
            runs.add(submit(cluster, "standalone", master, jar, model, in, inSmall, dir));
        }
        Run p = runs.get(0);
        System.err.printf(
                Locale.ROOT,
                "local[2]: %.0f%% of predict's wall-time throughput, %.0f%% of its steady throughput%n",
                100 * p.wall / runs.get(1).wall,
                100 * runs.get(1).steady(n - small) / p.steady(n - small));
        System.out.println("Machine: " + SpeedBench.machine());
        System.out.printf(
                Locale.ROOT,
                "Input: the first %d articles of data/articles.csv (%d characters), no paragraph results; "
                        + "each run also on the first %d, for the steady rate%n%n",
                n,
                chars,
                small);
        System.out.println(
                "| run | wall s | articles/s | vs predict | steady articles/s | steady vs predict | start-up s | job s (driver) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Run r : runs) {
            double steady = r.steady(n - small);
            System.out.println(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.2f | %.2f | %.2f | %.2f | %.1f | %s |",
                    r.name,
                    r.wall,
                    n / r.wall,
                    p.wall / r.wall,
                    steady,
                    steady / p.steady(n - small),
                    r.wall - n / steady,
                    r.job == null ? "" : String.format(Locale.ROOT, "%.1f", r.job)));
        }
        if (peakExecutorRss > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "%nPeak resident memory of one standalone executor (1 core, spark.executor.memory=%s): %d MiB%n",
                    EXECUTOR_MEMORY,
                    peakExecutorRss);
        }
    }

    /**
     * One mode's wall times on the small and the full input. The steady rate is the extra articles
     * over the extra seconds: throughput once JVMs, Spark and the model are up, what an archive of
     * millions of rows sees; start-up is what the wall time holds beyond it.
     */
    private record Run(String name, double wallSmall, double wall, Double job) {
        double steady(int extraArticles) {
            return extraArticles / (wall - wallSmall);
        }
    }

    private static double predict(Path in, Path model, Path dir) throws Exception {
        return time(() -> {
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx6g",
                            "-Dai.djl.offline=true",
                            "-jar",
                            "target/framescope.jar",
                            "predict",
                            "-i",
                            in.toString(),
                            "-o",
                            dir.resolve("predict.csv").toString(),
                            "-m",
                            model.toString(),
                            "--no-paragraphs")
                    .redirectOutput(dir.resolve("predict.out").toFile())
                    .redirectError(dir.resolve("predict.err").toFile());
            pb.environment().put("OMP_NUM_THREADS", "1");
            check(pb.start(), "predict");
        });
    }

    private static Run submit(
            LocalSparkCluster cluster,
            String name,
            String master,
            Path jar,
            Path model,
            Path in,
            Path inSmall,
            Path dir)
            throws Exception {
        double small = submitOnce(cluster, name, master, jar, model, inSmall, dir)[0];
        double[] full = submitOnce(cluster, name, master, jar, model, in, dir);
        String label = master.startsWith("local")
                ? "ScoreJob on Spark local[2]"
                : "ScoreJob on a standalone cluster, 2 workers x 1 core";
        return new Run(label, small, full[0], full[1]);
    }

    /** One spark-submit: its wall time and the job seconds its summary line reports. */
    private static double[] submitOnce(
            LocalSparkCluster cluster, String name, String master, Path jar, Path model, Path in, Path dir)
            throws Exception {
        Path out = dir.resolve(name + ".jsonl");
        List<String> args = cluster.scoreJobSubmit(master, EXECUTOR_MEMORY, "");
        args.addAll(List.of(
                jar.toString(),
                "-i",
                in.toString(),
                "-o",
                out.toString(),
                "-m",
                model.toString(),
                "--no-paragraphs",
                "--partitions",
                "8",
                "--overwrite"));
        double[] wall = new double[1];
        long[] rss = new long[1];
        wall[0] = time(() -> {
            Process p = cluster.submit(name, args);
            while (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
                if (!master.startsWith("local")) { // local mode has no executor JVMs: the driver scores
                    rss[0] = Math.max(rss[0], cluster.executorRssMib());
                }
            }
            check(p, "spark-submit " + name);
        });
        if (rss[0] > 0) {
            System.err.printf(Locale.ROOT, "%s: peak executor RSS %d MiB%n", name, rss[0]);
            peakExecutorRss = Math.max(peakExecutorRss, rss[0]);
        }
        JsonNode summary = new ObjectMapper()
                .readTree(Files.readAllLines(cluster.out("submit-" + name)).stream()
                        .filter(l -> l.startsWith("{"))
                        .reduce((a, b) -> b)
                        .orElseThrow());
        return new double[] {wall[0], summary.get("seconds").asDouble()};
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
                CSVParser p = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(r);
                Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                CSVPrinter pr = new CSVPrinter(
                        w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
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
