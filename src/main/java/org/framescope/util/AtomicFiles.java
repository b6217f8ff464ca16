package org.framescope.util;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so that readers see either the old file or the complete new one, never a partial one. */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes a file's content to the stream it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Checks, before any long work, that {@link #write} could create the target: it is not a
     * directory, and its folder (or the nearest existing one above it) takes a new file. Leaves
     * nothing behind.
     *
     * @throws InputException naming the target when it cannot be written there
     */
    public static void checkWritable(Path target) {
        Path abs = target.toAbsolutePath();
        String name = target.toString();
        if (Files.isDirectory(abs)) {
            throw new InputException(name, 0, null, "is a directory: give a file name for the output");
        }
        Path dir = abs.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InputException(name, 0, null, "cannot create the output: " + dir + " is a file, not a directory");
        }
        try {
            // A real file, not Files.isWritable: that ignores read-only mounts and ACLs on some systems.
            Files.delete(Files.createTempFile(dir, ".framescope-check", ".tmp"));
        } catch (IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                            ? f.getReason()
                            : "I/O error";
            throw new InputException(name, 0, null, "cannot write the output in " + dir + ": " + why);
        }
    }

    /**
     * Writes a file atomically: the content goes to a temporary file in the target's directory, which then
     * replaces the target; on failure the temporary file is deleted and the target left as it was.
     *
     * @throws IOException if the directory, the temporary file or the move fails, or the writer throws
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null) {
            throw new IOException("cannot write " + abs + ": it has no parent directory");
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        boolean done = false;
        try {
            try {
                // Temp files are created owner-only; the finished output should be an ordinary file.
                Files.setPosixFilePermissions(
                        tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
