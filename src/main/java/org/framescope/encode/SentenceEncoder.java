package org.framescope.encode;

import java.util.List;

/** A frozen text encoder: texts in, one L2-normalised vector per text out. Thread-safe. */
public interface SentenceEncoder extends AutoCloseable {

    EncoderSpec spec();

    /** SHA-256 of the weights file, recorded in model bundles and checked on load. */
    String sha256();

    int dim();

    /** Embeds every text; long texts are split into windows and their vectors averaged. */
    float[][] embed(List<String> texts);

    @Override
    void close();
}
