package org.framescope.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.framescope.FrameScope;
import org.framescope.cli.Main;
import org.framescope.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark in local[2] against {@code framescope predict} on the same rows, with the shipped model. */
class FrameScopeSparkTest {

    static final Path MODEL = Path.of(FrameScope.DEFAULT_MODEL_FILE);
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("framescope-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Articles of several shapes, a bad row of each kind predict knows, and a record spanning lines. */
    static String csv() {
        return """
                id,text,lang
                a1,"A defence ministry spokesperson said the joint patrols with French troops would end next month, after the junta accused Paris of arming rebels.

                Analysts said the move follows a security agreement signed with Moscow.",
                a2,"Le gouvernement de transition a annoncé la signature d'un accord de coopération militaire avec la Russie.

                Show More",
                a3,,
                a4,"Show More
                Back to top button",
                a5,"The local football club won the regional cup on Sunday, its coach said, after a penalty in the last minute.",
                a6,"Western sanctions are strangling our economy, a spokesperson for the ruling council said, accusing the European Union of neo-colonial pressure.",en
                a7,"Les manifestants ont réclamé le départ des forces étrangères, accusées de ne pas avoir protégé les villages.",
                """;
    }

    @Test
    void resultsEqualPredictOnTheSameRowsBadRowsIncluded(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("articles.csv");
        Files.writeString(in, csv());
        Path pred = dir.resolve("pred.csv");
        int code =
                Main.run("predict", "-i", in.toString(), "-o", pred.toString(), "-m", MODEL.toString(), "--batch", "3");
        assertThat(code).as("predict exits 2 when rows are bad").isEqualTo(2);

        FrameScopeSpark fs = FrameScopeSpark.open(
                spark, MODEL, SparkScoringOptions.defaults().withBatchSize(3));
        Dataset<Row> scored =
                fs.classify(ScoreJob.read(spark, in.toString(), "csv").repartition(3), "text");
        List<Row> rows = scored.collectAsList();

        Map<String, CSVRecord> articles = new HashMap<>();
        Map<String, CSVRecord> paragraphs = new HashMap<>();
        try (Reader r = Files.newBufferedReader(pred, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(r)) {
            for (CSVRecord rec : p) {
                if (rec.get("level").equals("paragraph")) {
                    paragraphs.put(rec.get("id") + "#" + rec.get("paragraph"), rec);
                } else {
                    articles.put(rec.get("id"), rec);
                }
            }
        }
        assertThat(rows).hasSize(7);
        assertThat(articles).hasSize(7);
        List<Task> tasks = fs.scheme().tasks();
        int errorRows = 0;
        for (Row row : rows) {
            String id = row.getAs("id");
            CSVRecord expected = articles.get(id);
            assertThat(expected).as(id).isNotNull();
            String error = row.getAs("error");
            if (expected.get("status").equals("error")) {
                errorRows++;
                assertThat(error).as(id).isEqualTo(expected.get("error"));
                for (Task t : tasks) {
                    assertThat((Object) row.getAs(t.name()))
                            .as(id + " " + t.name())
                            .isNull();
                }
                continue;
            }
            assertThat(error).as(id).isNull();
            assertThat((String) row.getAs("language")).as(id).isEqualTo(expected.get("lang"));
            Map<String, Double> scores = row.getJavaMap(row.fieldIndex("scores"));
            for (Task t : tasks) {
                assertThat(String.join(";", row.<String>getList(row.fieldIndex(t.name()))))
                        .as(id + " " + t.name())
                        .isEqualTo(expected.get(t.name()));
                for (String l : t.labels()) {
                    assertThat(scores.get(t.name() + ":" + l))
                            .as(id + " " + t.name() + ":" + l)
                            .isCloseTo(Double.parseDouble(expected.get(t.name() + ":" + l)), within(1e-6));
                }
            }
            List<Row> ps = row.getList(row.fieldIndex("paragraphs"));
            assertThat(ps).isNotEmpty();
            for (Row p : ps) {
                CSVRecord ep = paragraphs.get(id + "#" + p.getInt(p.fieldIndex("index")));
                assertThat(ep).as(id + " paragraph " + p.getInt(0)).isNotNull();
                for (Task t : tasks) {
                    assertThat(String.join(";", p.<String>getList(p.fieldIndex(t.name()))))
                            .isEqualTo(ep.get(t.name()));
                }
            }
        }
        assertThat(errorRows).as("empty text and only boilerplate").isEqualTo(2);
        assertThat(fs.errorRows()).isEqualTo(2);
        assertThat(fs.rowsScored()).isEqualTo(7);
        assertThat(fs.modelLoads())
                .as("one load in this JVM for three partitions on two cores")
                .isEqualTo(Map.of("driver", 1));
    }

    @Test
    void scoreJobWritesEveryJsonLineMalformedOnesAsErrorRows(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("articles.jsonl");
        Files.writeString(in, """
                {"id": "j1", "text": "The council suspended its cooperation with the European Union mission, accusing Brussels of interference."}
                {"id": "j2", "text":
                {"id": "j3", "text": "Le ministre a salué le soutien de ses partenaires africains dans la lutte contre le terrorisme."}
                """);
        Path out = dir.resolve("scored.jsonl");
        int code = ScoreJob.run(
                spark, "-i", in.toString(), "-o", out.toString(), "-m", MODEL.toString(), "--no-paragraphs");
        assertThat(code).isEqualTo(2);
        Dataset<Row> back = spark.read().json(out.toString());
        assertThat(back.count()).isEqualTo(3);
        assertThat(back.columns()).doesNotContain("paragraphs");
        List<Row> errors = back.filter("error is not null").collectAsList();
        assertThat(errors).hasSize(1);
        assertThat((String) errors.get(0).getAs("error"))
                .startsWith("not one JSON object or CSV record: {\"id\": \"j2\"");
        assertThat(back.filter("error is null and language = 'fr'").count()).isEqualTo(1);

        assertThat(ScoreJob.run(spark, "-i", in.toString(), "-o", out.toString(), "-m", MODEL.toString()))
                .as("an existing output is refused without --overwrite")
                .isEqualTo(2);
    }

    @Test
    void refusesAMissingOrNonStringTextColumnAndAnAddedColumnThatExists() {
        FrameScopeSpark fs = FrameScopeSpark.open(spark, MODEL, SparkScoringOptions.defaults());
        Dataset<Row> df = spark.sql("select 1 as id, 'Some text about the Sahel.' as body, 'x' as language");
        assertThatThrownBy(() -> fs.classify(df, "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing text column 'text'")
                .hasMessageContaining("id, body, language");
        assertThatThrownBy(() -> fs.classify(df, "id")).hasMessageContaining("text column 'id' is int, not a string");
        assertThatThrownBy(() -> fs.classify(df, "body"))
                .hasMessageContaining("already has a column 'language'")
                .hasMessageContaining("prefix");
        FrameScopeSpark prefixed = FrameScopeSpark.open(
                spark, MODEL, SparkScoringOptions.defaults().withPrefix("fs_"));
        Row r = prefixed.classify(df, "body").first();
        assertThat((String) r.getAs("language")).isEqualTo("x");
        assertThat((Object) r.getAs("fs_error")).isNull();
        assertThat(r.getList(
                        r.fieldIndex("fs_" + prefixed.scheme().tasks().get(0).name())))
                .isNotEmpty();
    }
}
