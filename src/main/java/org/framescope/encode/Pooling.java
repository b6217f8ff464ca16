package org.framescope.encode;

/** How token vectors become one sentence vector; fixed by how the encoder was trained. */
public enum Pooling {
    /** The first ([CLS]) token's vector (BGE). */
    CLS,
    /** Attention-masked mean of token vectors (E5, MiniLM). */
    MEAN
}
