package org.framescope.model;

import org.framescope.encode.EncoderSpec;

/** What a model bundle records about the frozen encoder it was trained with. */
public record EncoderIdentity(
        String id,
        String artifact,
        String sha256,
        int dim,
        String pooling,
        int maxTokens,
        String prefix,
        String licence,
        String tokenizerSha256) {

    /** The identity of an encoder spec, with the artifact's SHA-256 and embedding width as measured (no tokenizer checksum). */
    public static EncoderIdentity of(EncoderSpec spec, String sha256, int dim) {
        return of(spec, sha256, dim, null);
    }

    /**
     * The identity of an encoder spec, with the weights' and the tokenizer's SHA-256 and the
     * embedding width as measured.
     */
    public static EncoderIdentity of(EncoderSpec spec, String sha256, int dim, String tokenizerSha256) {
        return new EncoderIdentity(
                spec.id(),
                spec.artifact(),
                sha256,
                dim,
                spec.pooling().name().toLowerCase(java.util.Locale.ROOT),
                spec.maxTokens(),
                spec.prefix(),
                spec.licence(),
                tokenizerSha256);
    }

    /** A copy with the tokenizer's SHA-256 recorded. */
    public EncoderIdentity withTokenizerSha256(String t) {
        return new EncoderIdentity(id, artifact, sha256, dim, pooling, maxTokens, prefix, licence, t);
    }
}
