package org.framescope.train;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.framescope.model.FewShotLabel;
import org.framescope.model.Manifest;
import org.framescope.model.ModelBundle;

/**
 * A model with one label more, made by {@link FewShot#extend}. The bundle's network is new (the
 * model it came from is unchanged); save it, or open it with
 * {@link org.framescope.FrameScope#open(ModelBundle, org.framescope.FrameScope.Options,
 * org.framescope.encode.SentenceEncoder)}.
 *
 * <p><b>Thread-safety:</b> as {@link org.framescope.TrainingResult}: the bundle's DL4J network is
 * not safe to run from several threads at once; {@link #save(Path)} may be called from any one thread.
 *
 * @param bundle the extended model
 * @param task   the task that got the label
 * @param label  the new label
 * @param record how it was made (also in the manifest's {@link Manifest#fewShot()})
 */
public record FewShotResult(ModelBundle bundle, String task, String label, FewShotLabel record) {

    /**
     * Checks that every field is present.
     *
     * @throws NullPointerException if a field is null
     */
    public FewShotResult {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(record, "record");
    }

    /**
     * Writes the model as one file, atomically; it loads with {@link org.framescope.FrameScope#load(Path)}.
     *
     * @param file the model file to write; replaced if it exists
     * @return the manifest as written
     * @throws UncheckedIOException if the file cannot be written
     * @throws NullPointerException if {@code file} is null
     */
    public Manifest save(Path file) {
        Objects.requireNonNull(file, "file");
        return bundle.saveOrThrow(file);
    }
}
