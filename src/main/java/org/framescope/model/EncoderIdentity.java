package org.framescope.model;

import org.framescope.encode.EncoderSpec;

/** What a model bundle records about the frozen encoder it was trained with. */
public record EncoderIdentity(String id, String artifact, String sha256, int dim, String pooling, int maxTokens,
                              String prefix, String licence) {

    /** The identity of an encoder spec, with the artifact's SHA-256 and embedding width as measured. */
    public static EncoderIdentity of(EncoderSpec spec, String sha256, int dim) {
        return new EncoderIdentity(spec.id(), spec.artifact(), sha256, dim, spec.pooling().name().toLowerCase(java.util.Locale.ROOT),
                spec.maxTokens(), spec.prefix(), spec.licence());
    }
}
