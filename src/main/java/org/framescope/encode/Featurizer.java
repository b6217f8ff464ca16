package org.framescope.encode;

import java.util.ArrayList;
import java.util.List;

/**
 * Paragraph texts to features: the frozen encoder's embedding and the lexical TF-IDF block, laid out
 * as [embedding | word buckets | char buckets]. Thread-safe.
 */
public final class Featurizer {

    private final SentenceEncoder encoder;
    private final LexicalFeaturizer lexical;

    /** Either part may be null, but not both. */
    public Featurizer(SentenceEncoder encoder, LexicalFeaturizer lexical) {
        if (encoder == null && lexical == null) {
            throw new IllegalArgumentException("a featurizer needs an encoder, a lexical block, or both");
        }
        this.encoder = encoder;
        this.lexical = lexical;
    }

    public SentenceEncoder encoder() {
        return encoder;
    }

    public LexicalFeaturizer lexical() {
        return lexical;
    }

    public int embeddingDim() {
        return encoder == null ? 0 : encoder.dim();
    }

    public int dim() {
        return embeddingDim() + (lexical == null ? 0 : lexical.dim());
    }

    public List<ParagraphFeatures> featurize(List<String> texts) {
        float[][] emb = encoder == null ? null : encoder.embed(texts);
        List<ParagraphFeatures> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(new ParagraphFeatures(emb == null ? null : emb[i], lexical == null ? null : lexical.transform(texts.get(i))));
        }
        return out;
    }

    /** Writes one paragraph's features into a zeroed row-major buffer at {@code base + f * stride}. */
    public void write(ParagraphFeatures p, float[] buf, int base, int stride) {
        int off = 0;
        if (encoder != null) {
            float[] e = p.embedding();
            for (int d = 0; d < e.length; d++) {
                buf[base + d * stride] = e[d];
            }
            off = e.length;
        }
        if (lexical != null) {
            SparseVector s = p.lexical();
            for (int k = 0; k < s.nnz(); k++) {
                buf[base + (off + s.indices()[k]) * stride] = s.values()[k];
            }
        }
    }
}
