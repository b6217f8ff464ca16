package org.framescope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.framescope.FrameScope;
import org.framescope.encode.SentenceEncoder;
import org.framescope.eval.Evaluation;
import org.framescope.eval.Evaluator;
import org.framescope.eval.TextReport;
import org.framescope.io.Corpus;
import org.framescope.io.CorpusReader;
import org.framescope.model.LabelScheme;
import org.framescope.model.LabeledArticle;
import org.framescope.model.Manifest;
import org.framescope.model.ModelBundle;
import org.framescope.model.RawScores;
import org.framescope.text.Segmenter;
import org.framescope.train.TrainConfig;
import org.framescope.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code framescope train}: train a model from a labelled CSV and write it as one file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on a labelled CSV (split column: train/dev/test; without one, dev is held out at random).",
                "Paragraph-level CSVs (article_id + paragraph columns) train both levels; article-level CSVs train through max pooling."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "CSV", description = "Labelled training data.")
    String data;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path output;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: the output file's name).")
    String name;

    @Mixin
    TrainOptions trainOptions;

    @Mixin
    CsvOptions csvOptions;

    @Override
    public Integer call() throws Exception {
        LabelScheme ls = trainOptions.scheme(data);
        Corpus corpus = new CorpusReader(ls, csvOptions.columns(), Segmenter.defaults(), trainOptions.maxChars).read(data);
        TrainConfig cfg = config();
        List<List<LabeledArticle>> td = Trainer.trainDev(corpus, cfg.devFraction(), cfg.seed());
        List<LabeledArticle> test = corpus.split("test");
        System.err.printf("training on %d articles, dev %d, test %d (%s)%n", td.get(0).size(), td.get(1).size(), test.size(), corpus.file());
        SentenceEncoder enc = null;
        try {
            enc = trainOptions.openEncoder(cfg);
            Trainer.Result result = new Trainer(cfg).train(ls, corpus, td.get(0), td.get(1), enc);
            ObjectMapper m = ModelBundle.mapper();
            ObjectNode metrics = m.createObjectNode();
            metrics.set("dev", m.valueToTree(result.dev().withoutCurves()));
            Evaluation testEval = null;
            if (!test.isEmpty()) {
                FrameScope fs = FrameScope.open(result.bundle(), FrameScope.Options.defaults(), enc);
                RawScores raw = fs.score(test.stream().map(LabeledArticle::paragraphs).toList());
                testEval = Evaluator.evaluate(cfg.name(), corpus.file() + " (test)", ls, test, raw, result.bundle().manifest().decisions());
                metrics.set("test", m.valueToTree(testEval.withoutCurves()));
            }
            Manifest withMetrics = result.bundle().manifest().withMetrics(metrics);
            new ModelBundle(withMetrics, result.bundle().network(), result.bundle().lexical()).save(output);
            System.out.println("wrote " + output + " (selected hidden=" + withMetrics.network().hidden() + ", epochs=" + withMetrics.provenance().epochs() + ")");
            System.out.println("dev:  " + TextReport.summary(result.dev()));
            if (testEval != null) {
                System.out.println("test: " + TextReport.summary(testEval));
            }
        } finally {
            if (enc != null) {
                enc.close();
            }
        }
        return Main.OK;
    }

    TrainConfig config() {
        return trainOptions.config(name != null ? name : output.getFileName().toString().replaceAll("\\.zip$", ""));
    }
}
