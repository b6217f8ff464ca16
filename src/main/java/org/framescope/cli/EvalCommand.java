package org.framescope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.framescope.FrameScope;
import org.framescope.eval.Evaluation;
import org.framescope.eval.Evaluator;
import org.framescope.eval.TextReport;
import org.framescope.io.Corpus;
import org.framescope.io.CorpusReader;
import org.framescope.model.LabeledArticle;
import org.framescope.model.RawScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code framescope eval}: metrics of a model on a labelled CSV. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on a labelled CSV: per-label precision, recall, F1, support and PR-AUC; micro, macro,",
                "weighted and samples averages; subset accuracy, Hamming loss, calibration (ECE); at paragraph and article level."})
final class EvalCommand implements Callable<Integer> {

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "CSV", description = "Labelled data in the model's label scheme.")
    String data;

    @Option(names = "--split", paramLabel = "NAME", description = "Evaluate only rows of this split (e.g. test).")
    String split;

    @Option(names = "--json", description = "Print the metrics as JSON.")
    boolean json;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    CsvOptions csvOptions;

    @Override
    public Integer call() throws Exception {
        try (FrameScope fs = modelOptions.load(true)) {
            Corpus corpus = new CorpusReader(fs.scheme(), csvOptions.columns(), fs.segmenter(), modelOptions.maxChars).read(data);
            List<LabeledArticle> gold = split == null ? corpus.articles() : corpus.split(split);
            if (gold.isEmpty()) {
                throw new IllegalArgumentException(corpus.file() + ": no articles in split '" + split + "'");
            }
            RawScores raw = fs.score(gold.stream().map(LabeledArticle::paragraphs).toList());
            Evaluation e = Evaluator.evaluate(fs.manifest().name(), corpus.file() + (split == null ? "" : " (" + split + ")"),
                    fs.scheme(), gold, raw, fs.manifest().decisions());
            if (json) {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(e));
            } else {
                System.out.print(TextReport.render(e));
            }
        }
        return Main.OK;
    }
}
