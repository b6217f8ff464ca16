package org.framescope.model;

import org.framescope.encode.LexicalConfig;

/**
 * The preprocessing a model expects, recorded so inference repeats training exactly.
 *
 * @param blocks          "both", "embeddings" or "lexical"
 * @param encoder         null when the model uses no embeddings
 * @param lexical         null when the model uses no lexical block
 * @param segmenterRules  version of the boilerplate rules the training text went through
 * @param inputScale      factor applied to both feature blocks before the network
 */
public record FeatureSpec(
        String blocks, EncoderIdentity encoder, LexicalConfig lexical, String segmenterRules, float inputScale) {}
