package org.framescope.encode;

import java.util.Locale;

/** Which feature blocks a model uses; the ablation axis of {@code framescope bench}. */
public enum FeatureBlocks {
    BOTH(true, true),
    EMBEDDINGS(true, false),
    LEXICAL(false, true);

    private final boolean embeddings;
    private final boolean lexical;

    FeatureBlocks(boolean embeddings, boolean lexical) {
        this.embeddings = embeddings;
        this.lexical = lexical;
    }

    /** Whether the sentence-embedding block is used. */
    public boolean embeddings() {
        return embeddings;
    }

    /** Whether the lexical (TF-IDF) block is used. */
    public boolean lexical() {
        return lexical;
    }

    /** The lower-case name, as in manifests and on the command line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The blocks of that name, ignoring case.
     *
     * @throws IllegalArgumentException if the name is not both, embeddings or lexical
     */
    public static FeatureBlocks parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown feature blocks '" + s + "' (expected both, embeddings or lexical)");
        }
    }
}
