package org.framescope.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.framescope.model.LabelScheme;
import org.framescope.model.ModelBundle;
import org.framescope.util.Hashing;

/**
 * Batch scoring of a Spark DataFrame of articles with a framescope model: the DataFrame API of
 * {@code framescope predict}. The model file is read and validated once on the driver, broadcast
 * to the executors with its SHA-256, checked against it there, and loaded once per executor JVM
 * whatever the number of tasks and partitions; each partition is scored in batches by
 * {@code mapPartitions}. The result has the input's columns followed by one column per task (its
 * labels), {@code scores}, {@code language}, optionally {@code paragraphs}, and {@code error}: a
 * row that cannot be scored (empty, too long, only boilerplate, a malformed input line) gets its
 * reason there and nulls in the result columns, never a failed job.
 *
 * <pre>{@code
 * FrameScopeSpark fs = FrameScopeSpark.open(spark, Path.of("framescope-geo-v2.zip"), SparkScoringOptions.defaults());
 * Dataset<Row> scored = fs.classify(spark.read().parquet("articles.parquet"), "text");
 * }</pre>
 *
 * An instance belongs to one SparkSession; it holds the broadcast model and accumulators that
 * count rows, error rows and model loads per executor (filled in as actions run).
 */
public final class FrameScopeSpark {

    private final String sha256;
    private final LabelScheme scheme;
    private final Broadcast<byte[]> model;
    private final SparkScoringOptions options;
    private final CollectionAccumulator<String> loads;
    private final LongAccumulator rows;
    private final LongAccumulator errors;

    private FrameScopeSpark(
            String sha256,
            LabelScheme scheme,
            Broadcast<byte[]> model,
            SparkScoringOptions options,
            CollectionAccumulator<String> loads,
            LongAccumulator rows,
            LongAccumulator errors) {
        this.sha256 = sha256;
        this.scheme = scheme;
        this.model = model;
        this.options = options;
        this.loads = loads;
        this.rows = rows;
        this.errors = errors;
    }

    /**
     * Reads and validates the model file on the driver and broadcasts it.
     *
     * @param spark   the session the scoring will run in
     * @param model   the model file, on the driver's file system
     * @param options scoring options
     * @return a scorer for DataFrames of this session
     * @throws org.framescope.model.ModelFormatException if the file is not a valid framescope model
     * @throws UncheckedIOException if the file cannot be read
     */
    public static FrameScopeSpark open(SparkSession spark, Path model, SparkScoringOptions options) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + model + ": " + e.getMessage(), e);
        }
        // Validated here, where an error is one line for the user, not a stack trace per task.
        LabelScheme scheme = ModelBundle.load(new java.io.ByteArrayInputStream(bytes), model.toString())
                .manifest()
                .scheme();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new FrameScopeSpark(
                Hashing.sha256(bytes),
                scheme,
                jsc.broadcast(bytes),
                options,
                spark.sparkContext().collectionAccumulator("framescope.model.loads"),
                spark.sparkContext().longAccumulator("framescope.rows"),
                spark.sparkContext().longAccumulator("framescope.error.rows"));
    }

    /**
     * Scores a DataFrame of articles with the model at {@code model}: {@link #open} and
     * {@link #classify(Dataset, String)} in one call.
     *
     * @param articles   one row per article
     * @param textColumn the column holding the article text (string)
     * @param model      the model file, on the driver's file system
     * @param options    scoring options
     * @return the input's columns and the added result columns (lazy: scoring runs when an action does)
     * @throws IllegalArgumentException if the text column is missing or not a string, or an added column's
     *                                  name is already taken
     */
    public static Dataset<Row> classify(
            Dataset<Row> articles, String textColumn, Path model, SparkScoringOptions options) {
        return open(articles.sparkSession(), model, options).classify(articles, textColumn);
    }

    /**
     * Scores a DataFrame of articles. Lazy, as any transformation: the scoring runs when an action
     * (a write, a count) runs, once per action unless the result is cached.
     *
     * @param articles   one row per article
     * @param textColumn the column holding the article text (string)
     * @return the input's columns and the added result columns
     * @throws IllegalArgumentException if the text column is missing or not a string, or an added column's
     *                                  name is already taken
     */
    public Dataset<Row> classify(Dataset<Row> articles, String textColumn) {
        StructType in = articles.schema();
        int text = index(in, textColumn);
        if (text < 0) {
            throw new IllegalArgumentException("missing text column '" + textColumn + "' (the input has: "
                    + String.join(", ", in.fieldNames()) + ")");
        }
        StructField tf = in.fields()[text];
        if (!tf.dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException(
                    "text column '" + textColumn + "' is " + tf.dataType().simpleString() + ", not a string");
        }
        ResultColumns columns = new ResultColumns(scheme, options.prefix(), options.paragraphs());
        StructType out = columns.outputSchema(in);
        PartitionScorer scorer = new PartitionScorer(
                sha256,
                model,
                options,
                columns,
                text,
                index(in, options.idColumn()),
                index(in, options.langColumn()),
                index(in, PartitionScorer.CORRUPT_RECORD),
                loads,
                rows,
                errors);
        return articles.mapPartitions(scorer, Encoders.row(out));
    }

    private static int index(StructType schema, String column) {
        return column == null ? -1 : Arrays.asList(schema.fieldNames()).indexOf(column);
    }

    /**
     * The SHA-256 of the model file, as checked on every executor.
     *
     * @return lower-case hex
     */
    public String modelSha256() {
        return sha256;
    }

    /**
     * The model's label scheme: its tasks name the added label columns.
     *
     * @return the scheme
     */
    public LabelScheme scheme() {
        return scheme;
    }

    /**
     * How many times the model was loaded in each executor JVM (the driver's, "driver", in local
     * mode), over the actions run so far: 1 per executor that scored anything.
     *
     * @return executor id to number of loads, sorted by id
     */
    public Map<String, Integer> modelLoads() {
        Map<String, Integer> m = new TreeMap<>();
        for (String e : loads.value()) {
            m.merge(e, 1, Integer::sum);
        }
        return m;
    }

    /**
     * Rows scored over the actions run so far (a task Spark retried may count twice).
     *
     * @return the number of rows, error rows included
     */
    public long rowsScored() {
        return rows.value();
    }

    /**
     * Rows that got an error over the actions run so far (a task Spark retried may count twice).
     *
     * @return the number of error rows
     */
    public long errorRows() {
        return errors.value();
    }
}
