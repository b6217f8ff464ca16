package org.framescope.encode;

import java.util.List;

/**
 * Features of one article: its paragraphs' features, and the whole-article view the article path of
 * the network reads (the L2-normalised mean of the paragraph embeddings and the TF-IDF vector of the
 * whole text). Either article block may be null when the model does not use it.
 */
public record ArticleFeatures(List<ParagraphFeatures> paragraphs, float[] meanEmbedding, SparseVector lexical) {

    /** Copies the paragraph list. */
    public ArticleFeatures {
        paragraphs = List.copyOf(paragraphs);
    }

    /** The number of paragraphs. */
    public int size() {
        return paragraphs.size();
    }
}
