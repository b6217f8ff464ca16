package org.framescope.encode;

/** Features of one paragraph: a dense embedding and/or a sparse lexical vector (either may be null). */
public record ParagraphFeatures(float[] embedding, SparseVector lexical) {}
