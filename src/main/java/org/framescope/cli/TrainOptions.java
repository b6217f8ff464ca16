package org.framescope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.framescope.encode.EncoderSpec;
import org.framescope.encode.Encoders;
import org.framescope.encode.FeatureBlocks;
import org.framescope.encode.LexicalConfig;
import org.framescope.encode.Pooling;
import org.framescope.encode.SentenceEncoder;
import org.framescope.model.LabelScheme;
import org.framescope.train.TrainConfig;
import picocli.CommandLine.Option;

/** Training options shared by {@code train} and {@code cv}. */
public class TrainOptions {

    @Option(
            names = {"-s", "--scheme"},
            paramLabel = "JSON",
            description = "Label scheme (default: scheme.json beside the data file).")
    Path scheme;

    @Option(
            names = "--features",
            paramLabel = "both|embeddings|lexical",
            defaultValue = "both",
            description = "Feature blocks (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(
            names = "--encoder",
            paramLabel = "ID|DIR",
            defaultValue = EncoderSpec.DEFAULT_ID,
            description =
                    "Sentence encoder: bge-small-en-v15 (fp32), bge-small-en-v15-q (int8), or a directory with model.onnx + tokenizer.json (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(
            converter = NumericOptions.Window.class,
            names = "--window",
            paramLabel = "TOKENS",
            defaultValue = "" + EncoderSpec.DEFAULT_WINDOW,
            description =
                    "Encoder window in tokens, [CLS] and [SEP] included (8 to 512); longer paragraphs are embedded as consecutive windows, averaged. Recorded in the model, which always runs with it (default: ${DEFAULT-VALUE}: on long pages 512 ran at 72-81% of short paragraphs' tokens/s, 256 at 100-119%).")
    int window;

    @Option(
            names = "--pooling",
            paramLabel = "cls|mean",
            description = "Pooling of a directory encoder (default: mean).")
    Pooling pooling;

    @Option(
            converter = NumericOptions.NonNegative.class,
            names = "--hidden",
            paramLabel = "N[,N...]",
            split = ",",
            description =
                    "Hidden sizes to try, 0 = linear heads; the best on dev is kept, e.g. 0,256 (default: 0: on corpus v2 a hidden layer of 256 did not beat the linear heads on dev, 0.694 vs 0.695, and doubles training time).")
    List<Integer> hidden;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--epochs",
            defaultValue = "60",
            description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--patience",
            defaultValue = "8",
            description = "Early-stopping patience in epochs (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(
            converter = NumericOptions.AnyLong.class,
            names = "--seed",
            defaultValue = "42",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            converter = NumericOptions.PositiveReal.class,
            names = "--lr",
            defaultValue = "0.002",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--optimizer",
            defaultValue = "nesterovs",
            paramLabel = "nesterovs|adam",
            description = "Optimizer (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(
            converter = NumericOptions.NonNegativeReal.class,
            names = "--l2",
            defaultValue = "0.001",
            description = "L2 penalty (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(
            converter = NumericOptions.Dropout.class,
            names = "--dropout",
            defaultValue = "0.3",
            description = "Dropout on the hidden layer (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--batch",
            defaultValue = "8",
            description = "Articles per minibatch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            converter = NumericOptions.OpenFraction.class,
            names = "--dev-fraction",
            defaultValue = "0.15",
            description = "Dev share when the data has no dev split (default: ${DEFAULT-VALUE}).")
    double devFraction;

    @Option(names = "--no-class-weights", description = "Do not weight rare labels up in the loss.")
    boolean noClassWeights;

    @Option(
            names = "--article-path",
            defaultValue = "gated",
            paramLabel = "gated|both|max|doc",
            description =
                    "Article heads: gated (both heads, and each multi-label task's article scores multiplied by a "
                            + "whole-article gate: the probability that any of its labels applies), both (max over paragraphs and a "
                            + "whole-article head, chosen per task on dev), max (v1), doc (whole-article only) (default: ${DEFAULT-VALUE}).")
    String articlePath;

    @Option(
            converter = NumericOptions.NonNegative.class,
            names = "--threads",
            defaultValue = "0",
            description = "Encoder threads (default: all cores).")
    int threads;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--max-chars",
            defaultValue = "200000",
            description = "Longest text accepted (default: ${DEFAULT-VALUE}).")
    int maxChars;

    /** The label scheme: --scheme, else scheme.json beside the data file. */
    LabelScheme scheme(String data) throws IOException {
        return SchemeFiles.read(scheme, data);
    }

    TrainConfig config(String name) {
        return new TrainConfig(
                name,
                FeatureBlocks.parse(features),
                LexicalConfig.defaults(),
                hidden == null ? List.of(0) : hidden,
                dropout,
                l2,
                lr,
                optimizer,
                epochs,
                patience,
                batch,
                seed,
                devFraction,
                !noClassWeights,
                articlePath);
    }

    /** The sentence encoder (with the on-disk embedding cache) when the features use embeddings, else null. */
    SentenceEncoder openEncoder(TrainConfig cfg) throws IOException {
        return cfg.blocks().embeddings()
                ? Encoders.open(EncoderSpec.resolve(encoder, pooling).withWindow(window), threads, true)
                : null;
    }
}
