package org.framescope.encode;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framescope.util.FrameScopeException;

/** Where framescope keeps extracted encoder files and cached embeddings. */
public final class CacheDirs {

    static final String HOW_TO_MOVE =
            "set -Dframescope.cache=DIR or the environment variable FRAMESCOPE_CACHE=DIR to a writable directory";

    private CacheDirs() {}

    /**
     * {@code -Dframescope.cache}, else {@code $FRAMESCOPE_CACHE}, else {@code ~/.cache/framescope}.
     *
     * @throws FrameScopeException if neither is set and there is no home directory (user.home unset,
     *     or "?" as the JVM reports a user without one); the message says what to set
     */
    public static Path root() {
        return root(
                System.getProperty("framescope.cache"),
                System.getenv("FRAMESCOPE_CACHE"),
                System.getProperty("user.home"));
    }

    static Path root(String property, String env, String home) {
        String p = property;
        if (p == null || p.isBlank()) {
            p = env;
        }
        if (p == null || p.isBlank()) {
            // Without a home the JVM says "?": the cache would quietly land in ./?/.cache.
            if (home == null || home.isBlank() || home.equals("?")) {
                throw new FrameScopeException(
                        "framescope needs a cache directory for encoder files and embeddings, and this user has no "
                                + "home directory: " + HOW_TO_MOVE);
            }
            return Path.of(home, ".cache", "framescope");
        }
        return Path.of(p);
    }

    /**
     * A folder under the cache root, created if needed and checked writable.
     *
     * @param first the folder (further names go below it)
     * @throws FrameScopeException if the folder cannot be created or written; the message names it and
     *     says how to move the cache
     */
    public static Path directory(String first, String... more) {
        Path dir = root().resolve(Path.of(first, more));
        try {
            Files.createDirectories(dir);
            // Extraction and the embedding cache write temporary files here: fail now, with the remedy.
            Files.delete(Files.createTempFile(dir, ".write-check", ".tmp"));
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException
                    ? "permission denied"
                    : e instanceof FileSystemException f && f.getReason() != null
                            ? f.getReason()
                            : String.valueOf(e.getMessage());
            throw new FrameScopeException(
                    "cannot write framescope's cache directory " + dir + " (" + why + "): " + HOW_TO_MOVE, e);
        }
        return dir;
    }
}
