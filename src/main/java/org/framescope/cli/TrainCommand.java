package org.framescope.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.framescope.FrameScope;
import org.framescope.TrainingResult;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.SentenceEncoder;
import org.framescope.eval.TextReport;
import org.framescope.io.CorpusReader;
import org.framescope.model.LabelScheme;
import org.framescope.model.Manifest;
import org.framescope.text.Segmenter;
import org.framescope.train.TrainConfig;
import org.framescope.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code framescope train}: train a model from a labelled CSV and write it as one file. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a model on a labelled CSV (split column: train/dev/test; without one, dev is held out at random).",
            "Paragraph-level CSVs (article_id + paragraph columns) train both levels; article-level CSVs train through max pooling."
        })
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = {"-d", "--data"},
            required = true,
            paramLabel = "CSV",
            description = "Labelled training data.")
    String data;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "MODEL",
            description = "Model file to write.")
    Path output;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: the output file's name).")
    String name;

    @Mixin
    TrainOptions trainOptions;

    @Mixin
    CsvOptions csvOptions;

    @Override
    public Integer call() throws Exception {
        org.framescope.util.AtomicFiles.checkWritable(output);
        LabelScheme ls = trainOptions.scheme(data);
        Corpus corpus =
                new CorpusReader(ls, csvOptions.columns(), Segmenter.defaults(), trainOptions.maxChars).read(data);
        TrainConfig cfg = config();
        List<List<LabeledArticle>> td = Trainer.trainDev(corpus, cfg.devFraction(), cfg.seed());
        List<LabeledArticle> test = corpus.split("test");
        System.err.printf(
                "training on %d articles, dev %d, test %d (%s)%n",
                td.get(0).size(), td.get(1).size(), test.size(), corpus.file());
        SentenceEncoder enc = null;
        try {
            enc = trainOptions.openEncoder(cfg);
            TrainingResult result = FrameScope.train(corpus, ls, cfg, enc);
            Manifest written = result.save(output);
            System.out.println(
                    "wrote " + output + " (selected hidden=" + written.network().hidden() + ", epochs="
                            + written.provenance().epochs() + ")");
            System.out.println("dev:  " + TextReport.summary(result.dev()));
            if (result.test() != null) {
                System.out.println("test: " + TextReport.summary(result.test()));
            }
        } finally {
            if (enc != null) {
                enc.close();
            }
        }
        return Main.OK;
    }

    TrainConfig config() {
        return trainOptions.config(
                name != null ? name : String.valueOf(output.getFileName()).replaceAll("\\.zip$", ""));
    }
}
