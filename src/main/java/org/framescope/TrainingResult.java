package org.framescope;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.framescope.eval.Evaluation;
import org.framescope.model.Manifest;
import org.framescope.model.ModelBundle;

/**
 * A model trained by {@link FrameScope#train(Path, org.framescope.model.LabelScheme, org.framescope.train.TrainConfig)},
 * with its evaluation on the dev articles (used for early stopping, model choice, calibration and
 * thresholds, so optimistic) and, when the data has a {@code test} split, on the test articles (held
 * out from all of it). The bundle's manifest already records both evaluations as its metrics.
 * <pre>{@code
 * TrainingResult r = FrameScope.train(Path.of("my.csv"), LabelScheme.read(Path.of("scheme.json")), TrainConfig.defaults());
 * r.save(Path.of("my-model.zip"));
 * try (FrameScope fs = FrameScope.load(Path.of("my-model.zip"))) { ... }
 * }</pre>
 *
 * <p><b>Thread-safety:</b> the evaluations are immutable; the bundle holds the trained DL4J network,
 * which is not safe to run from several threads at once. {@link #save(Path)} may be called from any
 * one thread; to classify, save and {@link FrameScope#load(Path)}, or wrap the bundle with
 * {@link FrameScope#open(ModelBundle, FrameScope.Options, org.framescope.encode.SentenceEncoder)}
 * (which serialises network access).
 *
 * @param bundle the trained model, with the dev (and test) metrics in its manifest
 * @param dev    metrics on the dev articles
 * @param test   metrics on the articles of the {@code test} split, or null when the data has none
 */
public record TrainingResult(ModelBundle bundle, Evaluation dev, Evaluation test) {

    /**
     * Checks that the bundle and the dev evaluation are present.
     *
     * @throws NullPointerException if {@code bundle} or {@code dev} is null
     */
    public TrainingResult {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(dev, "dev");
    }

    /**
     * Writes the model as one file, atomically (a temporary file in the same directory, then a
     * move), so a reader never sees half a model. The file loads with {@link FrameScope#load(Path)}.
     * Not to be called concurrently with another {@code save} of the same result.
     *
     * @param file the model file to write (conventionally {@code .zip}); replaced if it exists
     * @return the manifest as written, with the checksum of every entry
     * @throws UncheckedIOException if the file cannot be written
     * @throws NullPointerException if {@code file} is null
     */
    public Manifest save(Path file) {
        Objects.requireNonNull(file, "file");
        return bundle.saveOrThrow(file);
    }
}
