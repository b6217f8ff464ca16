/**
 * framescope's library API: load a model with {@link org.framescope.FrameScope#loadDefault()} or
 * {@link org.framescope.FrameScope#load(java.nio.file.Path)}, classify articles with
 * {@link org.framescope.FrameScope#classify(String)}, read the immutable results
 * ({@link org.framescope.result.ArticleResult}, {@link org.framescope.result.TaskResult},
 * {@link org.framescope.result.ParagraphResult}, {@link org.framescope.result.Evidence}); train a model from a
 * labelled CSV with {@link org.framescope.FrameScope#train(java.nio.file.Path,
 * org.framescope.model.LabelScheme, org.framescope.train.TrainConfig)} (a
 * {@link org.framescope.TrainingResult}, saved with {@link org.framescope.TrainingResult#save(java.nio.file.Path)})
 * and evaluate one with {@link org.framescope.FrameScope#evaluate(java.nio.file.Path, String)}; add a
 * label to a trained model's multi-label task from a description and a few examples, without
 * retraining and without changing any other label's scores, with
 * {@link org.framescope.train.FewShot#extend(org.framescope.model.ModelBundle,
 * org.framescope.encode.SentenceEncoder, org.framescope.train.FewShotRequest)} (a
 * {@link org.framescope.train.FewShotResult}, saved with its {@code save(Path)}).
 *
 * <h2>Thread-safety</h2>
 * A loaded {@link org.framescope.FrameScope} may be shared by any number of threads; every result
 * type is an immutable record. Load once (it takes seconds), share, and close it when no call is in
 * flight any more.
 *
 * <h2>Exceptions</h2>
 * Every exception is unchecked, and framescope's own extend {@link org.framescope.util.FrameScopeException}:
 * {@link org.framescope.model.ModelFormatException} when a model cannot be loaded,
 * {@link org.framescope.util.InputException} when a text cannot be classified (empty, too long, only
 * boilerplate) or a CSV cannot be read as labelled data. {@link java.lang.IllegalArgumentException}
 * signals an invalid argument or training option, {@link java.io.UncheckedIOException} another I/O
 * failure, {@link java.lang.IllegalStateException} a failure of the sentence encoder.
 *
 * <h2>Dependencies</h2>
 * This package, {@code model}, {@code encode}, {@code text}, {@code io}, {@code train} and
 * {@code eval} (except the HTML report, {@code eval.HtmlReport} and {@code eval.Charts}) need only
 * the non-optional dependencies of the {@code org.framescope:framescope} artifact. The command line
 * ({@code org.framescope.cli}, picocli) and the HTTP service ({@code org.framescope.server}, Javalin)
 * are programs rather than API and are left out of this documentation; they and the HTML report
 * (JFreeChart) need optional dependencies that a project depending on framescope does not get
 * unless it declares them.
 */
package org.framescope;
