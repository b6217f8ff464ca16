package org.framescope.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.framescope.FrameScope;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} application: reads CSV, JSON Lines or Parquet, scores every row with
 * {@link FrameScopeSpark} and writes Parquet or JSON Lines, with the column options of
 * {@code framescope predict}. Prints one JSON summary line (rows, error rows, model loads per
 * executor, seconds) to stdout; exits 2 when any row got an error, as {@code predict} does.
 *
 * <pre>
 * spark-submit --class org.framescope.spark.ScoreJob target/framescope-spark.jar \
 *     -i articles.parquet -o scored.parquet
 * </pre>
 */
@Command(
        name = "ScoreJob",
        mixinStandardHelpOptions = true,
        description = {
            "Score articles on Spark with a framescope model (one output row per input row).",
            "Exit code 2 when any row could not be scored (its error column says why)."
        })
public final class ScoreJob implements Callable<Integer> {

    /** Settings an executor needs that can only be given before it starts (one OpenMP thread: Spark runs one task per core). */
    static final Map<String, String> EXECUTOR_DEFAULTS = Map.of(
            "spark.executorEnv.OMP_NUM_THREADS", "1",
            "spark.executorEnv.ORT_DISABLE_TELEMETRY", "1",
            "spark.executorEnv.OPT_OUT_TRACKING", "true");

    @Option(
            names = {"-i", "--input"},
            required = true,
            paramLabel = "PATH",
            description = "Input file or directory (any path Spark reads: local, hdfs://, s3a://).")
    String input;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "PATH",
            description = "Output directory (Spark writes part files).")
    String output;

    @Option(
            names = "--input-format",
            paramLabel = "csv|jsonl|parquet",
            description = "Input format (default: from the input's extension; parquet when it has none).")
    String inputFormat;

    @Option(
            names = "--format",
            paramLabel = "parquet|jsonl",
            description = "Output format (default: jsonl for a .jsonl output, else parquet).")
    String format;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description = "Model file on the driver (default: the shipped model).")
    Path model;

    @Option(
            names = "--fast",
            description = "Use the shipped fast model (int8 encoder, framescope-geo-v2-fast), as predict --fast does.")
    boolean fast;

    @Option(
            names = "--text-column",
            paramLabel = "NAME",
            defaultValue = "text",
            description = "Text column (default: ${DEFAULT-VALUE}).")
    String textColumn;

    @Option(
            names = "--id-column",
            paramLabel = "NAME",
            defaultValue = "id",
            description = "Id column, used in error messages when present (default: ${DEFAULT-VALUE}).")
    String idColumn;

    @Option(
            names = "--lang-column",
            paramLabel = "NAME",
            defaultValue = "lang",
            description =
                    "Column whose non-blank value overrides the guessed language, when present (default: ${DEFAULT-VALUE}).")
    String langColumn;

    @Option(
            names = "--prefix",
            paramLabel = "TEXT",
            defaultValue = "",
            description = "Prefix of the added column names (default: none).")
    String prefix;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "16",
            description = "Articles per encoder pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--max-chars",
            paramLabel = "N",
            defaultValue = "200000",
            description = "Longest text accepted, in characters (default: ${DEFAULT-VALUE}).")
    int maxChars;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Repartition the input into N partitions before scoring (default: as read).")
    Integer partitions;

    @Option(names = "--no-paragraphs", description = "Leave out the per-paragraph results.")
    boolean noParagraphs;

    @Option(names = "--overwrite", description = "Replace the output if it exists (default: refuse).")
    boolean overwrite;

    private SparkSession session;

    /**
     * Runs the job in a session of its own (configured by {@code spark-submit}) and exits with the
     * job's code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = new CommandLine(new ScoreJob())
                .setExecutionExceptionHandler(ScoreJob::oneLine)
                .execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the job in the given session, which it leaves open (tests, notebooks).
     *
     * @param spark the session
     * @param args  the command line
     * @return the exit code: 0, 2 when a row got an error or the input or options are bad, 1 on other failures
     */
    public static int run(SparkSession spark, String... args) {
        ScoreJob job = new ScoreJob();
        job.session = spark;
        return new CommandLine(job)
                .setExecutionExceptionHandler(ScoreJob::oneLine)
                .execute(args);
    }

    private static int oneLine(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr()
                .println("framescope: error: "
                        + (e.getMessage() == null
                                ? e.toString()
                                : e.getMessage().lines().findFirst().orElse("")));
        return e instanceof IllegalArgumentException
                        || e instanceof org.framescope.util.FrameScopeException
                        || e instanceof org.apache.spark.sql.AnalysisException
                ? 2
                : 1;
    }

    @Override
    public Integer call() {
        if (batch < 1 || maxChars < 1 || (partitions != null && partitions < 1)) {
            throw new IllegalArgumentException("--batch, --max-chars and --partitions must be at least 1");
        }
        String inFormat = inputFormat != null ? inputFormat.toLowerCase(Locale.ROOT) : formatOf(input);
        String outFormat = format != null
                ? format.toLowerCase(Locale.ROOT)
                : output.toLowerCase(Locale.ROOT).endsWith(".jsonl") ? "jsonl" : "parquet";
        if (!outFormat.equals("parquet") && !outFormat.equals("jsonl")) {
            throw new IllegalArgumentException("'" + format + "' is not an output format: use parquet or jsonl");
        }
        SparkSession spark = session != null
                ? session
                : SparkSession.builder()
                        .config(withExecutorDefaults(new SparkConf()))
                        .appName("framescope-score")
                        .getOrCreate();
        long t0 = System.nanoTime();
        Dataset<Row> articles = read(spark, input, inFormat);
        if (Arrays.asList(articles.columns()).containsAll(java.util.List.of("article_id", "paragraph"))) {
            throw new IllegalArgumentException(
                    input + ": rows are paragraphs (article_id and paragraph columns): ScoreJob scores "
                            + "article rows; join each article's paragraphs into one text (or use framescope predict)");
        }
        if (partitions != null) {
            articles = articles.repartition(partitions);
        }
        SparkScoringOptions opts =
                new SparkScoringOptions(idColumn, langColumn, batch, !noParagraphs, prefix, maxChars);
        if (fast && model != null) {
            throw new IllegalArgumentException("--fast and --model are exclusive: --fast is the shipped fast model");
        }
        Path modelFile =
                model != null ? model : shippedModel(fast ? FrameScope.FAST_MODEL_FILE : FrameScope.DEFAULT_MODEL_FILE);
        FrameScopeSpark fs = FrameScopeSpark.open(spark, modelFile, opts);
        Dataset<Row> scored = fs.classify(articles, textColumn);
        var writer = scored.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
        if (outFormat.equals("jsonl")) {
            writer.json(output);
        } else {
            writer.parquet(output);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Integer> loads = fs.modelLoads();
        System.out.println(String.format(
                Locale.ROOT,
                "{\"rows\":%d,\"errors\":%d,\"output\":%s,\"format\":\"%s\",\"seconds\":%.1f,\"modelLoads\":%s}",
                fs.rowsScored(),
                fs.errorRows(),
                quote(output),
                outFormat,
                seconds,
                loadsJson(loads)));
        System.err.printf(
                Locale.ROOT,
                "wrote %d rows to %s (%d errors) in %.1f s; model loaded %d times on %d executors%n",
                fs.rowsScored(),
                output,
                fs.errorRows(),
                seconds,
                loads.values().stream().mapToInt(Integer::intValue).sum(),
                loads.size());
        return fs.errorRows() > 0 ? 2 : 0;
    }

    /**
     * Reads articles in a format: CSV with a header (RFC 4180 quoting, records may span lines, every
     * column a string), JSON Lines (a malformed line becomes a row with {@code _corrupt_record} set,
     * which scoring answers with an error row), or Parquet.
     *
     * @param spark  the session
     * @param path   file or directory
     * @param format csv, jsonl or parquet
     * @return the rows as read
     * @throws IllegalArgumentException if the format is none of these
     */
    public static Dataset<Row> read(SparkSession spark, String path, String format) {
        DataFrameReader r = spark.read();
        return switch (format) {
            case "csv" ->
                r.option("header", "true")
                        .option("multiLine", "true")
                        .option("escape", "\"")
                        .option("encoding", "UTF-8")
                        .option("mode", "PERMISSIVE")
                        .csv(path);
            case "jsonl", "json", "ndjson" ->
                r.option("mode", "PERMISSIVE")
                        .option("columnNameOfCorruptRecord", PartitionScorer.CORRUPT_RECORD)
                        .json(path);
            case "parquet" -> r.parquet(path);
            default ->
                throw new IllegalArgumentException(
                        "'" + format + "' is not an input format: use csv, jsonl or parquet");
        };
    }

    private static String formatOf(String path) {
        String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (p.endsWith(".csv")) {
            return "csv";
        }
        return p.endsWith(".jsonl") || p.endsWith(".ndjson") || p.endsWith(".json") ? "jsonl" : "parquet";
    }

    /** Our executor settings, where the user's configuration has not set them already. */
    static SparkConf withExecutorDefaults(SparkConf conf) {
        EXECUTOR_DEFAULTS.forEach((k, v) -> {
            if (!conf.contains(k)) {
                conf.set(k, v);
            }
        });
        String opts = conf.get("spark.executor.extraJavaOptions", "");
        if (!opts.contains("ai.djl.offline")) {
            conf.set("spark.executor.extraJavaOptions", (opts + " -Dai.djl.offline=true").strip());
        }
        return conf;
    }

    /** A model shipped inside the jar, copied to a temporary file for the driver to read. */
    private static Path shippedModel(String file) {
        try (InputStream in = FrameScope.class.getResourceAsStream(FrameScope.shippedResource(file))) {
            if (in == null) {
                throw new IllegalStateException("the shipped model is not in this jar: pass --model");
            }
            Path f = Files.createTempFile("framescope-shipped-", ".zip");
            f.toFile().deleteOnExit();
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String loadsJson(Map<String, Integer> loads) {
        StringBuilder b = new StringBuilder("{");
        loads.forEach((k, v) ->
                b.append(b.length() > 1 ? "," : "").append(quote(k)).append(':').append(v));
        return b.append('}').toString();
    }
}
