package org.framescope.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens input files ({@code -} for stdin), turning the file system's refusals (missing, a
 * directory, no permission) into one-line {@link InputException}s naming the file.
 */
public final class InputFiles {

    private InputFiles() {}

    /**
     * Opens a file, or stdin for {@code -}.
     *
     * @throws InputException if the file is missing, a directory or not readable
     * @throws IOException if opening fails otherwise
     */
    public static InputStream open(String name) throws IOException {
        if ("-".equals(name)) {
            return System.in;
        }
        Path p = path(name);
        try {
            return Files.newInputStream(p);
        } catch (FileSystemException e) {
            throw refusal(name, e);
        }
    }

    /**
     * Reads a whole file, or stdin for {@code -}.
     *
     * @throws InputException if the file is missing, a directory or not readable
     * @throws IOException if reading fails otherwise
     */
    public static byte[] readAllBytes(String name) throws IOException {
        if ("-".equals(name)) {
            return System.in.readAllBytes();
        }
        Path p = path(name);
        try {
            return Files.readAllBytes(p);
        } catch (FileSystemException e) {
            throw refusal(name, e);
        }
    }

    /** A directory would open on Linux and fail only on reading, with a message naming nothing. */
    private static Path path(String name) {
        Path p = Path.of(name);
        if (Files.isDirectory(p)) {
            throw new InputException(name, 0, null, "is a directory, not a file");
        }
        return p;
    }

    private static InputException refusal(String name, FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return new InputException(name, 0, null, "file not found");
        }
        if (e instanceof AccessDeniedException) {
            return new InputException(name, 0, null, "cannot read the file: permission denied");
        }
        return new InputException(
                name, 0, null, "cannot read the file: " + (e.getReason() == null ? "I/O error" : e.getReason()));
    }
}
