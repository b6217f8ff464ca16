package org.framescope.encode;

import java.nio.file.Path;

/** Where framescope keeps extracted encoder files and cached embeddings. */
public final class CacheDirs {

    private CacheDirs() {
    }

    /** {@code -Dframescope.cache}, else {@code $FRAMESCOPE_CACHE}, else {@code ~/.cache/framescope}. */
    public static Path root() {
        String p = System.getProperty("framescope.cache");
        if (p == null || p.isBlank()) {
            p = System.getenv("FRAMESCOPE_CACHE");
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".cache", "framescope");
        }
        return Path.of(p);
    }
}
