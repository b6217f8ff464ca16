package org.framescope.model;

/** A model file that cannot be used: corrupt, tampered, too new, or inconsistent with its scheme or encoder. */
public class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
