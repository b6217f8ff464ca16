package org.framescope.encode;

import java.nio.FloatBuffer;
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

    /** The factor applied to both feature blocks before the network. */
    public float scale() {
        return scale;
    }

    /** The sentence encoder, or null when embeddings are not used. */
    public SentenceEncoder encoder() {
        return encoder;
    }

    /** The lexical featurizer, or null when the lexical block is not used. */
    public LexicalFeaturizer lexical() {
        return lexical;
    }

    /** The embedding width, 0 without an encoder. */
    public int embeddingDim() {
        return encoder == null ? 0 : encoder.dim();
    }

    /** The total feature width: embedding width plus lexical width. */
    public int dim() {
        return embeddingDim() + (lexical == null ? 0 : lexical.dim());
    }

    /**
     * The features of each text (unscaled): its embedding and its lexical vector, each null when that
     * block is not used.
     */
    public List<ParagraphFeatures> featurize(List<String> texts) {
        return featurize(texts, () -> false);
    }

    /**
     * As {@link #featurize(List)}, giving up with a {@link java.util.concurrent.CancellationException}
     * once {@code cancelled} turns true (checked between the encoder's batches).
     */
    public List<ParagraphFeatures> featurize(List<String> texts, java.util.function.BooleanSupplier cancelled) {
        // Pipelined: the lexical vectors are computed on another thread while the encoder runs (both are
        // deterministic and independent, so the results are the same as one after the other).
        java.util.function.Supplier<List<SparseVector>> lexAll =
                () -> texts.stream().map(lexical::transform).toList();
        if (encoder == null) {
            return combine(texts.size(), null, lexical == null ? null : lexAll.get());
        }
        java.util.concurrent.CompletableFuture<List<SparseVector>> lex =
                lexical == null ? null : java.util.concurrent.CompletableFuture.supplyAsync(lexAll);
        float[][] emb = encoder.embed(texts, cancelled);
        return combine(texts.size(), emb, lex == null ? null : join(lex));
    }

    private static List<ParagraphFeatures> combine(int n, float[][] emb, List<SparseVector> lx) {
        List<ParagraphFeatures> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ParagraphFeatures(emb == null ? null : emb[i], lx == null ? null : lx.get(i)));
        }
        return out;
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Featurizes articles given as paragraph texts: every paragraph, then each article's whole-text
     * view. Paragraphs of all articles are embedded together, so batching stays the encoder's choice.
     *
     * @param wholeArticle compute the whole-article view (only networks with an article path read it)
     */
    public List<ArticleFeatures> featurizeArticles(List<List<String>> articles, boolean wholeArticle) {
        return featurizeArticles(articles, wholeArticle, () -> false);
    }

    /** As {@link #featurizeArticles(List, boolean)}, cancellable as {@link #featurize(List, java.util.function.BooleanSupplier)}. */
    public List<ArticleFeatures> featurizeArticles(
            List<List<String>> articles, boolean wholeArticle, java.util.function.BooleanSupplier cancelled) {
        List<String> flat = articles.stream().flatMap(List::stream).toList();
        return group(articles, featurize(flat, cancelled), wholeArticle);
    }

    /** Groups already featurized paragraphs (in article order) into articles, with the article view if asked. */
    public List<ArticleFeatures> group(
            List<List<String>> articles, List<ParagraphFeatures> flat, boolean wholeArticle) {
        List<ArticleFeatures> out = new ArrayList<>(articles.size());
        int k = 0;
        for (List<String> a : articles) {
            List<ParagraphFeatures> ps = flat.subList(k, k + a.size());
            out.add(wholeArticle ? article(a, ps) : new ArticleFeatures(ps, null, null));
            k += a.size();
        }
        return out;
    }

    /** The whole-article view of one article from its paragraph texts and features. */
    public ArticleFeatures article(List<String> texts, List<ParagraphFeatures> paragraphs) {
        float[] mean = null;
        if (encoder != null && !paragraphs.isEmpty()) {
            mean = new float[encoder.dim()];
            for (ParagraphFeatures p : paragraphs) {
                float[] e = p.embedding();
                for (int d = 0; d < mean.length; d++) {
                    mean[d] += e[d];
                }
            }
            double norm = 0;
            for (float v : mean) {
                norm += v * v;
            }
            float inv = norm > 0 ? (float) (1.0 / Math.sqrt(norm)) : 0f;
            for (int d = 0; d < mean.length; d++) {
                mean[d] *= inv;
            }
        }
        SparseVector lex = lexical == null ? null : lexical.transform(String.join("\n", texts));
        return new ArticleFeatures(paragraphs, mean, lex);
    }

    /** Writes an article's whole-text features into a zeroed row-major buffer at {@code base} (stride 1). */
    public void writeArticle(ArticleFeatures a, FloatBuffer buf, int base) {
        int off = 0;
        if (encoder != null) {
            float[] e = a.meanEmbedding();
            for (int d = 0; d < e.length; d++) {
                buf.put(base + d, e[d] * scale);
            }
            off = e.length;
        }
        if (lexical != null) {
            SparseVector s = a.lexical();
            for (int k = 0; k < s.nnz(); k++) {
                buf.put(base + off + s.indices()[k], s.values()[k] * scale);
            }
        }
    }

    /** Writes one paragraph's features into a zeroed row-major buffer at {@code base + f * stride}. */
    public void write(ParagraphFeatures p, FloatBuffer buf, int base, int stride) {
        int off = 0;
        if (encoder != null) {
            float[] e = p.embedding();
            for (int d = 0; d < e.length; d++) {
                buf.put(base + d * stride, e[d] * scale);
            }
            off = e.length;
        }
        if (lexical != null) {
            SparseVector s = p.lexical();
            for (int k = 0; k < s.nnz(); k++) {
                buf.put(base + (off + s.indices()[k]) * stride, s.values()[k] * scale);
            }
        }
    }
}
