package org.framescope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.framescope.FrameScope;
import org.framescope.encode.CachingEncoder;
import org.framescope.encode.EncoderSpec;
import org.framescope.encode.FeatureBlocks;
import org.framescope.encode.LexicalConfig;
import org.framescope.encode.OnnxSentenceEncoder;
import org.framescope.encode.Pooling;
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

import java.nio.file.Files;
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

    @Option(names = {"-s", "--scheme"}, paramLabel = "JSON", description = "Label scheme (default: scheme.json beside the data file).")
    Path scheme;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path output;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: the output file's name).")
    String name;

    @Option(names = "--features", paramLabel = "both|embeddings|lexical", defaultValue = "both", description = "Feature blocks (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--encoder", paramLabel = "ID|DIR", defaultValue = EncoderSpec.DEFAULT_ID,
            description = "Sentence encoder: bge-small-en-v15 (fp32), bge-small-en-v15-q (int8), or a directory with model.onnx + tokenizer.json (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--pooling", paramLabel = "cls|mean", description = "Pooling of a directory encoder (default: mean).")
    Pooling pooling;

    @Option(names = "--hidden", paramLabel = "N[,N...]", split = ",", description = "Hidden sizes to try, 0 = linear heads; the best on dev is kept (default: 0,256).")
    List<Integer> hidden;

    @Option(names = "--epochs", defaultValue = "60", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", defaultValue = "8", description = "Early-stopping patience in epochs (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lr", defaultValue = "0.002", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "nesterovs", paramLabel = "nesterovs|adam", description = "Optimizer (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--l2", defaultValue = "0.0001", description = "L2 penalty (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--dropout", defaultValue = "0.3", description = "Dropout on the hidden layer (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--batch", defaultValue = "8", description = "Articles per minibatch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--dev-fraction", defaultValue = "0.15", description = "Dev share when the data has no dev split (default: ${DEFAULT-VALUE}).")
    double devFraction;

    @Option(names = "--no-class-weights", description = "Do not weight rare labels up in the loss.")
    boolean noClassWeights;

    @Option(names = "--threads", defaultValue = "0", description = "Encoder threads (default: all cores).")
    int threads;

    @Option(names = "--max-chars", defaultValue = "200000", description = "Longest text accepted (default: ${DEFAULT-VALUE}).")
    int maxChars;

    @Mixin
    CsvOptions csvOptions;

    @Override
    public Integer call() throws Exception {
        LabelScheme ls = SchemeFiles.read(scheme, data);
        Corpus corpus = new CorpusReader(ls, csvOptions.columns(), Segmenter.defaults(), maxChars).read(data);
        TrainConfig cfg = config();
        List<List<LabeledArticle>> td = Trainer.trainDev(corpus, cfg.devFraction(), cfg.seed());
        List<LabeledArticle> test = corpus.split("test");
        System.err.printf("training on %d articles, dev %d, test %d (%s)%n", td.get(0).size(), td.get(1).size(), test.size(), corpus.file());
        SentenceEncoder enc = null;
        try {
            if (cfg.blocks().embeddings()) {
                enc = CachingEncoder.inDefaultLocation(OnnxSentenceEncoder.open(EncoderSpec.resolve(encoder, pooling), threads));
            }
            Trainer.Result result = new Trainer(cfg).train(ls, corpus, td.get(0), td.get(1), enc);
            ObjectMapper m = ModelBundle.mapper();
            ObjectNode metrics = m.createObjectNode();
            metrics.set("dev", m.valueToTree(result.dev()));
            Evaluation testEval = null;
            if (!test.isEmpty()) {
                FrameScope fs = FrameScope.open(result.bundle(), FrameScope.Options.defaults(), enc);
                RawScores raw = fs.score(test.stream().map(LabeledArticle::paragraphs).toList());
                testEval = Evaluator.evaluate(cfg.name(), corpus.file() + " (test)", ls, test, raw, result.bundle().manifest().decisions());
                metrics.set("test", m.valueToTree(testEval));
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
        String n = name != null ? name : output.getFileName().toString().replaceAll("\\.zip$", "");
        return new TrainConfig(n, FeatureBlocks.parse(features), LexicalConfig.defaults(), hidden == null ? List.of(0, 256) : hidden,
                dropout, l2, lr, optimizer, epochs, patience, batch, seed, devFraction, !noClassWeights);
    }
}
