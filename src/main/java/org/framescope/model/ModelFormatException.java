package org.framescope.model;

import org.framescope.util.FrameScopeException;

/**
 * A model file that cannot be used: missing or unreadable, not a framescope model, truncated,
 * corrupt or modified (an entry fails its SHA-256 check), newer than this framescope reads, or
 * inconsistent with its scheme or with the encoder found. Thrown by
 * {@link org.framescope.FrameScope#load(java.nio.file.Path)} and the other {@code load}/{@code open}
 * methods of {@link org.framescope.FrameScope}, and by {@link ModelBundle#load(java.nio.file.Path)}.
 * Unchecked; the message is one line naming the file and the problem. Immutable once thrown.
 */
public class ModelFormatException extends FrameScopeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and no cause. Never throws.
     *
     * @param message what is wrong with the model, naming the file
     */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * An exception with a message and its cause. Never throws.
     *
     * @param message what is wrong with the model, naming the file
     * @param cause   the underlying exception (an I/O, zip, JSON or DL4J error), or null
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
