package org.framescope.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.SentenceEncoder;
import org.framescope.eval.CvResult;
import org.framescope.eval.JsonReport;
import org.framescope.eval.RecipeComparison;
import org.framescope.eval.TextReport;
import org.framescope.io.CorpusReader;
import org.framescope.model.LabelScheme;
import org.framescope.text.Segmenter;
import org.framescope.train.CrossValidator;
import org.framescope.train.TrainConfig;
import org.framescope.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code framescope cv}: K-fold cross-validation grouped by article, optionally as a learning curve. */
@Command(
        name = "cv",
        mixinStandardHelpOptions = true,
        description = {
            "K-fold cross-validation grouped by article: all paragraphs of an article are",
            "in one fold, and folds are stratified by label. For each fold, --dev-fraction",
            "of the other folds' articles is held out as dev data and a model is trained on",
            "the rest with the train options; each task's metrics are reported as mean,",
            "standard deviation, min and max over the folds. With --learning-curve, each",
            "fold also trains on growing fractions of its training articles (--fractions),",
            "to show whether more labelled data would help."
        })
final class CvCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-d", "--data"},
            required = true,
            paramLabel = "CSV",
            description = "Labelled data (paragraph- or article-level CSV).")
    String data;

    @Option(
            converter = NumericOptions.Folds.class,
            names = {"-k", "--folds"},
            paramLabel = "K",
            defaultValue = "5",
            description = "Number of folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(
            names = "--learning-curve",
            description = "Also train on growing fractions of the training data (see --fractions).")
    boolean learningCurve;

    @Option(
            converter = NumericOptions.Share.class,
            names = "--fractions",
            paramLabel = "F[,F...]",
            split = ",",
            defaultValue = "0.25,0.5,0.75,1.0",
            description = "Training-data fractions of the learning curve (default: ${DEFAULT-VALUE}).")
    List<Double> fractions;

    @Option(
            names = "--split",
            paramLabel = "NAME",
            split = ",",
            description = "Use only rows of these splits (e.g. train,dev); default: all rows.")
    List<String> splits;

    @Option(names = "--json", description = "Print the result (every fold's metrics too) as JSON instead of text.")
    boolean json;

    @Option(
            names = "--json-file",
            paramLabel = "FILE",
            description = "Also write the result (every fold's metrics too) as JSON to this file.")
    Path jsonFile;

    @Option(
            names = "--recipes",
            paramLabel = "R[,R...]",
            split = ",",
            defaultValue = "main,baseline",
            description = {
                "Recipes to cross-validate on the same folds and compare, the first being the reference:",
                "main (the train options as given), v1 (max-pooled article heads only),",
                "both / gated (the train options with that --article-path),",
                "baseline (the linear article baseline: no hidden layer, whole-article heads only).",
                "The baseline is always trained (default: ${DEFAULT-VALUE})."
            })
    List<String> recipes;

    @Mixin
    TrainOptions trainOptions;

    @Mixin
    CsvOptions csvOptions;

    @Override
    public Integer call() throws Exception {
        if (jsonFile != null) {
            AtomicFiles.checkWritable(jsonFile);
        }
        LabelScheme scheme = trainOptions.scheme(data);
        Corpus corpus =
                new CorpusReader(scheme, csvOptions.columns(), Segmenter.defaults(), trainOptions.maxChars).read(data);
        List<LabeledArticle> articles = splits == null || splits.isEmpty()
                ? corpus.articles()
                : corpus.articles().stream()
                        .filter(a -> splits.stream().anyMatch(s -> s.equalsIgnoreCase(a.split())))
                        .toList();
        if (articles.isEmpty()) {
            throw new IllegalArgumentException(corpus.file() + ": no articles in split(s) " + splits);
        }
        TrainConfig cfg = trainOptions.config("cv");
        System.err.printf(
                "cross-validating on %d articles (%s), %d folds%s%n",
                articles.size(),
                corpus.file(),
                folds,
                learningCurve ? ", learning curve at fractions " + fractions : "");
        List<String> names = new java.util.ArrayList<>(recipes);
        if (!names.contains("baseline")) {
            names.add("baseline");
        }
        Map<String, TrainConfig> configs = new LinkedHashMap<>();
        for (String n : names) {
            configs.put(
                    n,
                    switch (n) {
                        case "main" -> cfg;
                        case "v1" -> cfg.v1Recipe();
                        case "both", "gated" -> cfg.withArticlePath(n).withName(cfg.name() + "-" + n);
                        case "baseline" -> cfg.linearBaseline();
                        default ->
                            throw new picocli.CommandLine.ParameterException(
                                    spec.commandLine(),
                                    "unknown recipe '" + n + "' in --recipes (main, v1, both, gated, baseline)");
                    });
        }
        SentenceEncoder enc = trainOptions.openEncoder(cfg);
        try {
            Map<String, CvResult> results = new LinkedHashMap<>();
            for (Map.Entry<String, TrainConfig> e : configs.entrySet()) {
                boolean curve = learningCurve && e.getKey().equals(names.get(0));
                results.put(
                        e.getKey(),
                        new CrossValidator(e.getValue())
                                .run(
                                        scheme,
                                        corpus,
                                        articles,
                                        folds,
                                        curve ? fractions : List.of(1.0),
                                        enc,
                                        line -> System.err.println("cv [" + e.getKey() + "]: " + line)));
            }
            CvResult r = results.get(names.get(0));
            RecipeComparison cmp = new RecipeComparison(results);
            if (jsonFile != null) {
                String j = JsonReport.render(cmp) + "\n";
                AtomicFiles.write(jsonFile, out -> out.write(j.getBytes(StandardCharsets.UTF_8)));
            }
            System.out.print(json ? JsonReport.render(cmp) + "\n" : TextReport.render(r) + cmp.markdown());
        } finally {
            if (enc != null) {
                enc.close();
            }
        }
        return Main.OK;
    }
}
