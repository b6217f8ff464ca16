package org.framescope.util;

/**
 * The root of framescope's own exceptions: unchecked, so callers catch it only where they can act
 * on it. Two kinds are thrown:
 * <ul>
 *   <li>{@link org.framescope.util.InputException}: bad input (a text that cannot be classified, a CSV
 *       that cannot be read as labelled data); its message names the file or text, the row and the
 *       column where known;</li>
 *   <li>{@link org.framescope.model.ModelFormatException}: a model file that cannot be used (missing,
 *       corrupt, modified, too new, or paired with another encoder).</li>
 * </ul>
 * A plain {@code FrameScopeException} says that framescope's cache directory cannot be used (no
 * home directory, or not writable) and how to move it. Catching {@code FrameScopeException} catches
 * all three. Other failures keep their standard types:
 * {@link IllegalArgumentException} for invalid arguments or options (a {@code TrainConfig} out of
 * range, too few training articles), {@link java.io.UncheckedIOException} for I/O errors other than
 * a missing input file, {@link IllegalStateException} for a failure of the sentence encoder.
 *
 * <p>Instances are immutable once thrown and may be passed between threads.
 */
public class FrameScopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and no cause. Never throws.
     *
     * @param message a one-line description of the problem, shown to users as is
     */
    public FrameScopeException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the exception that caused it. Never throws.
     *
     * @param message a one-line description of the problem, shown to users as is
     * @param cause   the underlying exception, or null
     */
    public FrameScopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
