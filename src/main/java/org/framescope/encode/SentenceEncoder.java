package org.framescope.encode;

import java.util.List;

/** A frozen text encoder: texts in, one L2-normalised vector per text out. Thread-safe. */
public interface SentenceEncoder extends AutoCloseable {

    EncoderSpec spec();

    /** SHA-256 of the weights file, recorded in model bundles and checked on load. */
    String sha256();

    int dim();

    /**
     * SHA-256 of the tokenizer file, part of the encoder's identity (the same weights with another
     * vocabulary give other vectors); null when the encoder has no separate tokenizer file.
     */
    default String tokenizerSha256() {
        return null;
    }

    /** Embeds every text; long texts are split into windows and their vectors averaged. */
    float[][] embed(List<String> texts);

    /**
     * Embeds every text, as {@link #embed(List)}, giving up with a
     * {@link java.util.concurrent.CancellationException} once {@code cancelled} turns true. Encoders
     * that batch check it between batches; this default checks it once, before starting.
     */
    default float[][] embed(List<String> texts, java.util.function.BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("embedding cancelled");
        }
        return embed(texts);
    }

    @Override
    void close();
}
