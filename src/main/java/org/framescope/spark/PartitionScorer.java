package org.framescope.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.framescope.FrameScope;
import org.framescope.result.ArticleInput;
import org.framescope.result.ArticleOutcome;

/**
 * Scores one partition in batches, lazily: a batch is read from the input iterator only when the
 * previous one has been consumed, so a partition never sits in memory whole. Every input row gives
 * exactly one output row; a row that cannot be scored gets its reason in the error column, and a
 * batch that fails as a whole (an encoder error) is retried row by row so that only the rows that
 * fail are error rows.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    /** Spark's PERMISSIVE JSON and CSV readers put an unparsable line's text in this column. */
    static final String CORRUPT_RECORD = "_corrupt_record";

    private final String modelSha256;
    private final Broadcast<byte[]> model;
    private final SparkScoringOptions options;
    private final ResultColumns columns;
    private final int textIndex;
    private final int idIndex;
    private final int langIndex;
    private final int corruptIndex;
    private final CollectionAccumulator<String> loads;
    private final LongAccumulator rows;
    private final LongAccumulator errors;

    PartitionScorer(
            String modelSha256,
            Broadcast<byte[]> model,
            SparkScoringOptions options,
            ResultColumns columns,
            int textIndex,
            int idIndex,
            int langIndex,
            int corruptIndex,
            CollectionAccumulator<String> loads,
            LongAccumulator rows,
            LongAccumulator errors) {
        this.modelSha256 = modelSha256;
        this.model = model;
        this.options = options;
        this.columns = columns;
        this.textIndex = textIndex;
        this.idIndex = idIndex;
        this.langIndex = langIndex;
        this.corruptIndex = corruptIndex;
        this.loads = loads;
        this.rows = rows;
        this.errors = errors;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        TaskContext ctx = TaskContext.get();
        // One ONNX Runtime thread per core Spark gave this task: executors run one task per core.
        int threads = ctx == null ? 1 : Math.max(1, ctx.cpus());
        FrameScope.Options fo = FrameScope.Options.defaults()
                .withThreads(threads)
                .withMaxChars(options.maxChars())
                .withCache(false);
        return new Iterator<>() {
            private Iterator<Row> batch = List.<Row>of().iterator();
            private FrameScope fs;

            @Override
            public boolean hasNext() {
                if (!batch.hasNext() && input.hasNext()) {
                    if (fs == null) {
                        fs = ExecutorModels.get(modelSha256, model, fo, loads);
                    }
                    batch = score(fs, input, ctx).iterator();
                }
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    private List<Row> score(FrameScope fs, Iterator<Row> input, TaskContext ctx) {
        List<Row> in = new ArrayList<>(options.batchSize());
        while (in.size() < options.batchSize() && input.hasNext()) {
            in.add(input.next());
        }
        List<ArticleInput> articles = new ArrayList<>(in.size());
        List<Integer> at = new ArrayList<>(in.size());
        ArticleOutcome[] outcomes = new ArticleOutcome[in.size()];
        for (int i = 0; i < in.size(); i++) {
            Row r = in.get(i);
            ArticleInput a = new ArticleInput(
                    idIndex >= 0 && !r.isNullAt(idIndex) ? String.valueOf(r.get(idIndex)) : null,
                    r.isNullAt(textIndex) ? null : r.getString(textIndex));
            if (corruptIndex >= 0 && !r.isNullAt(corruptIndex)) {
                outcomes[i] = ArticleOutcome.failed(
                        a, "not one JSON object or CSV record: " + abbreviate(r.getString(corruptIndex)));
            } else {
                articles.add(a);
                at.add(i);
            }
        }
        List<ArticleOutcome> scored;
        try {
            scored = fs.classifyEach(articles, false, () -> ctx != null && ctx.isInterrupted());
        } catch (IllegalStateException e) {
            scored = oneByOne(fs, articles); // an encoder failure: find the rows behind it
        }
        for (int k = 0; k < scored.size(); k++) {
            outcomes[at.get(k)] = scored.get(k);
        }
        List<Row> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Row r = in.get(i);
            ArticleOutcome o = outcomes[i];
            String given = langIndex >= 0 && !r.isNullAt(langIndex) ? String.valueOf(r.get(langIndex)) : null;
            String lang = given != null && !given.isBlank()
                    ? given
                    : o.succeeded() ? o.result().language() : given;
            out.add(columns.row(r, o, lang));
            if (!o.succeeded()) {
                errors.add(1);
            }
        }
        rows.add(in.size());
        return out;
    }

    private static List<ArticleOutcome> oneByOne(FrameScope fs, List<ArticleInput> articles) {
        List<ArticleOutcome> out = new ArrayList<>(articles.size());
        for (ArticleInput a : articles) {
            try {
                out.add(fs.classifyEach(List.of(a), false, () -> false).get(0));
            } catch (IllegalStateException e) {
                out.add(ArticleOutcome.failed(a, "scoring failed: " + e.getMessage()));
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }
}
