package org.framescope.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.framescope.model.LabelScheme;
import org.framescope.model.Task;
import org.framescope.result.ArticleOutcome;
import org.framescope.result.ArticleResult;
import org.framescope.result.ParagraphResult;
import org.framescope.result.TaskResult;

/**
 * The columns scoring adds to a DataFrame, and their values for one article. One column per task
 * (its labels, {@code array<string>}), {@code scores} ({@code map<string,double>} keyed
 * {@code task:label}, the names of {@code predict}'s CSV score columns), {@code language},
 * optionally {@code paragraphs} (an array of structs with the same per-task columns), and
 * {@code error} (null unless the row could not be scored, when the result columns are null).
 * Serializable: executors build rows with it.
 */
final class ResultColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Names of the added columns after the task columns, before the prefix. */
    static final String SCORES = "scores";

    static final String LANGUAGE = "language";
    static final String PARAGRAPHS = "paragraphs";
    static final String ERROR = "error";

    private final List<String> tasks;
    private final List<List<String>> labels;
    private final String prefix;
    private final boolean paragraphs;

    ResultColumns(LabelScheme scheme, String prefix, boolean paragraphs) {
        this.tasks = scheme.tasks().stream().map(Task::name).toList();
        this.labels = scheme.tasks().stream().map(t -> List.copyOf(t.labels())).toList();
        this.prefix = prefix;
        this.paragraphs = paragraphs;
    }

    /** The added columns' names, in order. */
    List<String> names() {
        List<String> n = new ArrayList<>();
        for (String t : tasks) {
            n.add(prefix + t);
        }
        n.add(prefix + SCORES);
        n.add(prefix + LANGUAGE);
        if (paragraphs) {
            n.add(prefix + PARAGRAPHS);
        }
        n.add(prefix + ERROR);
        return n;
    }

    /**
     * The input's schema with the added columns after its own.
     *
     * @throws IllegalArgumentException if the input already has a column of one of the added names
     */
    StructType outputSchema(StructType input) {
        for (String n : names()) {
            for (String existing : input.fieldNames()) {
                if (existing.equalsIgnoreCase(n)) {
                    throw new IllegalArgumentException(
                            "the input already has a column '" + existing
                                    + "', which scoring would add: set a prefix for the added columns (SparkScoringOptions.withPrefix, --prefix)");
                }
            }
        }
        StructType s = input;
        for (String t : tasks) {
            s = s.add(prefix + t, LABELS, true);
        }
        s = s.add(prefix + SCORES, SCORE_MAP, true).add(prefix + LANGUAGE, DataTypes.StringType, true);
        if (paragraphs) {
            s = s.add(prefix + PARAGRAPHS, DataTypes.createArrayType(paragraphType(), false), true);
        }
        return s.add(prefix + ERROR, DataTypes.StringType, true);
    }

    private static final DataType LABELS = DataTypes.createArrayType(DataTypes.StringType, false);
    private static final DataType SCORE_MAP =
            DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false);

    private StructType paragraphType() {
        List<StructField> f = new ArrayList<>(List.of(
                DataTypes.createStructField("index", DataTypes.IntegerType, false),
                DataTypes.createStructField("title", DataTypes.BooleanType, false),
                DataTypes.createStructField("text", DataTypes.StringType, false)));
        for (String t : tasks) {
            f.add(DataTypes.createStructField(t, LABELS, false));
        }
        f.add(DataTypes.createStructField(SCORES, SCORE_MAP, false));
        return DataTypes.createStructType(f);
    }

    /**
     * The input row with the added values. Spark's row encoder wants Scala collections for arrays
     * and maps, so lists and maps are converted here.
     *
     * @param input    the input row
     * @param outcome  what scoring made of it
     * @param language the language to report (the input's, when it had one), or null
     */
    Row row(Row input, ArticleOutcome outcome, String language) {
        int n = input.length();
        // task columns, scores, language, [paragraphs], error
        Object[] v = new Object[n + tasks.size() + (paragraphs ? 4 : 3)];
        for (int i = 0; i < n; i++) {
            v[i] = input.get(i);
        }
        int at = n;
        ArticleResult r = outcome.result();
        for (String t : tasks) {
            v[at++] = r == null ? null : seq(r.tasks().get(t).labels());
        }
        v[at++] = r == null ? null : scores(r.tasks());
        v[at++] = language;
        if (paragraphs) {
            v[at++] = r == null ? null : paragraphRows(r.paragraphs());
        }
        v[at] = outcome.error();
        return RowFactory.create(v);
    }

    private Object paragraphRows(List<ParagraphResult> ps) {
        List<Row> rows = new ArrayList<>(ps.size());
        for (ParagraphResult p : ps) {
            Object[] v = new Object[3 + tasks.size() + 1];
            v[0] = p.index();
            v[1] = p.title();
            v[2] = p.text();
            for (int k = 0; k < tasks.size(); k++) {
                v[3 + k] = seq(p.tasks().get(tasks.get(k)).labels());
            }
            v[3 + tasks.size()] = scores(p.tasks());
            rows.add(RowFactory.create(v));
        }
        return seq(rows);
    }

    /** Scores keyed {@code task:label}, in scheme order. */
    private Object scores(Map<String, TaskResult> byTask) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < tasks.size(); k++) {
            TaskResult tr = byTask.get(tasks.get(k));
            for (String l : labels.get(k)) {
                m.put(tasks.get(k) + ":" + l, tr.scores().get(l));
            }
        }
        return scala.jdk.javaapi.CollectionConverters.asScala(m);
    }

    private static <T> Object seq(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
    }
}
