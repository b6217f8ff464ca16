package org.framescope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.framescope.FrameScope;
import org.framescope.model.FewShotLabel;
import org.framescope.model.ModelBundle;
import org.framescope.train.FewShot;
import org.framescope.train.FewShotExamples;
import org.framescope.train.FewShotRequest;
import org.framescope.train.FewShotResult;
import org.framescope.util.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code framescope extend}: add a label to a multi-label task from a description and a few examples, without retraining. */
@Command(
        name = "extend",
        mixinStandardHelpOptions = true,
        description = {
            "Add a label to a multi-label task of a model from a description and a few example paragraphs; "
                    + "every existing label keeps its scores exactly.",
            "Only the new label is trained (a logistic regression on the model's frozen features); negatives are the examples' "
                    + "rows labelled 0/no, --negatives, and when those are too few a sample of the model's training data "
                    + "(if its file is unchanged)."
        })
final class ExtendCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Option(
            names = "--task",
            required = true,
            paramLabel = "TASK",
            description = "The multi-label task that gets the label.")
    String task;

    @Option(names = "--label", required = true, paramLabel = "NAME", description = "The new label's name.")
    String label;

    @Option(
            names = "--description",
            required = true,
            paramLabel = "TEXT",
            description = "One or two sentences saying what the label means (embedded as one more positive example).")
    String description;

    @Option(
            names = "--examples",
            required = true,
            paramLabel = "CSV",
            description =
                    "Examples: column 'text' (one paragraph a row), optional column 'label' (1/0 or yes/no; without it every row is a positive); at least "
                            + FewShotLabel.MIN_EXAMPLES + " positives (with the description, "
                            + FewShotLabel.MIN_POSITIVES + ").")
    Path examples;

    @Option(
            names = "--negatives",
            paramLabel = "CSV",
            description = "Paragraphs that do not carry the label (column 'text').")
    Path negatives;

    @Option(
            converter = NumericOptions.AnyLong.class,
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the cross-validation folds and of the corpus sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "MODEL",
            description = "Model file to write (the input model is left as it is).")
    Path output;

    @Override
    public Integer call() throws Exception {
        org.framescope.util.AtomicFiles.checkWritable(output);
        if (modelOptions.model != null
                && Files.exists(modelOptions.model)
                && Files.exists(output)
                && Files.isSameFile(modelOptions.model, output)) {
            throw new InputException(output.toString(), 0, null, "the output is the input model; choose another -o");
        }
        FewShotExamples ex = FewShotExamples.read(examples, negatives, modelOptions.maxChars);
        ModelBundle base;
        if (modelOptions.model != null) {
            base = ModelBundle.load(modelOptions.model);
        } else {
            base = FrameScope.shippedBundle(FrameScope.DEFAULT_MODEL_FILE);
        }
        FrameScope.Options o = FrameScope.Options.defaults()
                .withThreads(modelOptions.threads)
                .withMaxChars(modelOptions.maxChars)
                .withEncoderDirectory(modelOptions.encoderDir)
                .withCache(true);
        // Opening the model checks and opens its recorded encoder; the facade's featurizer lends it.
        try (FrameScope fs = FrameScope.open(base, o, null)) {
            FewShotResult r = FewShot.extend(
                    base, fs.featurizer().encoder(), new FewShotRequest(task, label, description, ex, seed));
            r.save(output);
            FewShotLabel rec = r.record();
            System.out.printf(
                    Locale.ROOT,
                    "wrote %s: label %s:%s from %d positives and %d negatives %s, L2 %g, seed %d%n",
                    output,
                    task,
                    label,
                    rec.positives(),
                    rec.negatives(),
                    rec.negativeSources(),
                    rec.l2(),
                    rec.seed());
            System.out.printf(
                    Locale.ROOT,
                    "cross-validation (%d folds, threshold fitted on the same scores): precision %.3f, recall %.3f, F1 %.3f%n",
                    rec.cv().folds(),
                    rec.cv().precision(),
                    rec.cv().recall(),
                    rec.cv().f1());
        }
        return Main.OK;
    }
}
