package org.framescope.encode;

import java.util.ArrayList;
import java.util.List;

/**
 * Paragraph texts to features: the frozen encoder's embedding and the lexical TF-IDF block, laid out
 * as [embedding | word buckets | char buckets]. Thread-safe.
 */
public final class Featurizer {

    /**
     * Both blocks are unit-norm vectors; scaled by 20 (about sqrt(384)) their entries are of order 1,
     * which is where weight initialisation and Adam's step sizes work (unscaled, a linear model needs
     * far more epochs to reach useful weights).
     */
    public static final float DEFAULT_INPUT_SCALE = 20f;

    private final SentenceEncoder encoder;
    private final LexicalFeaturizer lexical;
    private final float scale;

    /** Either part may be null, but not both. */
    public Featurizer(SentenceEncoder encoder, LexicalFeaturizer lexical, float scale) {
        if (encoder == null && lexical == null) {
            throw new IllegalArgumentException("a featurizer needs an encoder, a lexical block, or both");
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("input scale must be positive");
        }
        this.encoder = encoder;
        this.lexical = lexical;
        this.scale = scale;
    }

    public float scale() {
        return scale;
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
                buf[base + d * stride] = e[d] * scale;
            }
            off = e.length;
        }
        if (lexical != null) {
            SparseVector s = p.lexical();
            for (int k = 0; k < s.nnz(); k++) {
                buf[base + (off + s.indices()[k]) * stride] = s.values()[k] * scale;
            }
        }
    }
}
