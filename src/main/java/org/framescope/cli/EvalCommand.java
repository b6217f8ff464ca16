package org.framescope.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.framescope.FrameScope;
import org.framescope.data.Corpus;
import org.framescope.eval.Comparison;
import org.framescope.eval.ErrorRow;
import org.framescope.eval.Evaluation;
import org.framescope.eval.Evaluator;
import org.framescope.eval.HtmlReport;
import org.framescope.eval.JsonReport;
import org.framescope.eval.Misclassified;
import org.framescope.eval.PairedBootstrap;
import org.framescope.eval.Predictions;
import org.framescope.eval.TextReport;
import org.framescope.io.CorpusReader;
import org.framescope.model.LabelScheme;
import org.framescope.model.Level;
import org.framescope.model.Task;
import org.framescope.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code framescope eval}: metrics of a model on a labelled CSV, optionally against a second model. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate a model on a labelled CSV: at paragraph level (paragraph CSVs),",
            "at article level, and per language when the CSV has a lang column.",
            "Multi-label tasks: per-label precision, recall, F1, support, PR-AUC, 2x2",
            "confusion; micro, macro, weighted, samples averages; subset accuracy; Hamming",
            "loss. Single-label tasks: accuracy, per-class scores, macro-F1, confusion",
            "matrix. All tasks: calibration (ECE, reliability diagram), threshold sweep.",
            "Prints text tables or JSON (--json). --report writes a self-contained HTML",
            "report with charts, --misclassified the wrong decisions as CSV, --compare the",
            "differences to another model with paired bootstrap intervals and a verdict."
        })
final class EvalCommand implements Callable<Integer> {

    @Option(
            names = {"-d", "--data"},
            required = true,
            paramLabel = "CSV",
            description = "Labelled data in the model's label scheme.")
    String data;

    @Option(names = "--split", paramLabel = "NAME", description = "Evaluate only rows of this split (e.g. test).")
    String split;

    @Option(names = "--json", description = "Print the metrics as JSON instead of text tables.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "HTML",
            description = "Write a self-contained HTML report with charts to this file.")
    Path report;

    @Option(
            converter = NumericOptions.NonNegative.class,
            names = "--worst",
            paramLabel = "N",
            defaultValue = "10",
            description = "Worst errors shown per task and level in the HTML report (default: ${DEFAULT-VALUE}).")
    int worst;

    @Option(
            names = "--misclassified",
            paramLabel = "CSV",
            description = "Write every wrong decision (id, text, gold, predicted, scores) to this CSV file.")
    Path misclassified;

    @Option(
            names = "--compare",
            paramLabel = "OTHER_MODEL",
            description = "Also evaluate this model on the same data and report the differences (this model - OTHER).")
    Path compare;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--bootstrap",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Paired bootstrap resamples for --compare (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(
            converter = NumericOptions.OpenFraction.class,
            names = "--confidence",
            paramLabel = "LEVEL",
            defaultValue = "0.95",
            description = "Confidence level of the --compare intervals (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(
            converter = NumericOptions.AnyLong.class,
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    CsvOptions csvOptions;

    @Override
    public Integer call() throws Exception {
        if (compare != null && (bootstrap < 1 || !(confidence > 0 && confidence < 1))) {
            throw new IllegalArgumentException("--bootstrap must be positive and --confidence between 0 and 1");
        }
        if (worst < 0) {
            throw new IllegalArgumentException("--worst must be 0 or more");
        }
        for (Path o : new Path[] {report, misclassified}) {
            if (o != null) {
                AtomicFiles.checkWritable(o);
            }
        }
        try (FrameScope fs = modelOptions.load(true)) {
            Corpus corpus = new CorpusReader(fs.scheme(), csvOptions.columns(), fs.segmenter(), modelOptions.maxChars)
                    .read(data);
            Predictions preds = fs.predictions(corpus, split);
            Evaluation e = Evaluator.metrics(preds, corpus.langColumn());
            Evaluation other = null;
            Comparison cmp = null;
            if (compare != null) {
                try (FrameScope fo = FrameScope.load(
                        compare,
                        FrameScope.Options.defaults()
                                .withThreads(modelOptions.threads)
                                .withMaxChars(modelOptions.maxChars)
                                .withCache(true))) {
                    checkSameScheme(fs.scheme(), fo.scheme(), compare);
                    String nameA = fs.manifest().name();
                    String nameB = fo.manifest().name();
                    if (nameA.equals(nameB)) {
                        nameA = nameA + " ("
                                + (modelOptions.model == null ? "built in" : modelOptions.model.getFileName()) + ")";
                        nameB = nameB + " (" + compare.getFileName() + ")";
                        preds = renamed(preds, nameA);
                        e = Evaluator.metrics(preds, corpus.langColumn());
                    }
                    Predictions pb = renamed(fo.predictions(corpus, split), nameB);
                    other = Evaluator.metrics(pb, corpus.langColumn());
                    cmp = PairedBootstrap.compare(preds, pb, bootstrap, seed, confidence);
                }
            }
            List<ErrorRow> errors = misclassified != null || report != null ? Misclassified.rows(preds) : List.of();
            if (misclassified != null) {
                Misclassified.writeCsv(misclassified, errors);
                System.err.println("wrote " + errors.size() + " wrong decisions to " + misclassified);
            }
            if (report != null) {
                String html = HtmlReport.render(e, errors, worst, cmp, explainWorst(fs, corpus, errors));
                AtomicFiles.write(report, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
                System.err.println("wrote report " + report);
            }
            if (json) {
                System.out.println(cmp == null ? JsonReport.render(e) : JsonReport.render(e, other, cmp));
            } else {
                System.out.print(TextReport.render(e));
                if (cmp != null) {
                    System.out.print(TextReport.render(cmp));
                }
            }
        }
        return Main.OK;
    }

    /** Rows per task and level whose wrong labels the report explains (each article explained costs a few classifications). */
    static final int EXPLAINED_ERRORS = 5;

    /**
     * Explanations of the extra (wrongly given) labels of the report's top error rows, so the
     * report shows what misled the model; each article involved is explained once.
     */
    private java.util.function.Function<ErrorRow, List<org.framescope.result.Explanation>> explainWorst(
            FrameScope fs, Corpus corpus, List<ErrorRow> errors) {
        java.util.Map<ErrorRow, List<org.framescope.result.Explanation>> out = new java.util.HashMap<>();
        java.util.Map<String, org.framescope.result.ArticleResult> explained = new java.util.HashMap<>();
        java.util.Map<String, org.framescope.data.LabeledArticle> byId = new java.util.HashMap<>();
        corpus.articles().forEach(a -> byId.put(a.id(), a));
        java.util.Map<String, Integer> shown = new java.util.HashMap<>();
        for (ErrorRow r : errors) {
            if (shown.merge(r.level() + "/" + r.task(), 1, Integer::sum) > Math.min(worst, EXPLAINED_ERRORS)
                    || r.extra().isEmpty()) {
                continue;
            }
            org.framescope.data.LabeledArticle a = byId.get(r.item().articleId());
            if (a == null) {
                continue;
            }
            org.framescope.result.ArticleResult ar =
                    explained.computeIfAbsent(a.id(), id -> fs.explainParagraphs(id, a.paragraphs(), a.lang()));
            out.put(
                    r,
                    ar.explanations().stream()
                            .filter(x -> x.level() == r.level()
                                    && x.task().equals(r.task())
                                    && r.extra().contains(x.label())
                                    && (r.level() == Level.ARTICLE
                                            || x.paragraph() == r.item().paragraph()))
                            .toList());
        }
        return r -> out.getOrDefault(r, List.of());
    }

    private static Predictions renamed(Predictions p, String model) {
        return new Predictions(model, p.data(), p.articles(), p.paragraphs(), p.levels());
    }

    /** Both models must predict the same tasks with the same labels, in the same order. */
    static void checkSameScheme(LabelScheme a, LabelScheme b, Path other) {
        if (a.tasks().size() != b.tasks().size()) {
            throw new IllegalArgumentException(other + ": cannot compare: its label scheme has tasks " + b.taskNames()
                    + ", this model's " + a.taskNames());
        }
        for (int i = 0; i < a.tasks().size(); i++) {
            Task ta = a.tasks().get(i), tb = b.tasks().get(i);
            if (!ta.name().equals(tb.name())
                    || ta.type() != tb.type()
                    || !ta.labels().equals(tb.labels())) {
                throw new IllegalArgumentException(other + ": cannot compare: task '" + tb.name() + "' ("
                        + tb.type().wireName() + ": "
                        + String.join(", ", tb.labels()) + ") differs from this model's '" + ta.name() + "' ("
                        + ta.type().wireName() + ": "
                        + String.join(", ", ta.labels()) + ")");
            }
        }
    }
}
