package org.framescope.encode;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A deterministic stand-in encoder for tests that must not depend on the ONNX model. */
public final class FakeEncoder implements SentenceEncoder {

    public final AtomicInteger embedded = new AtomicInteger();
    private final String sha;
    private final int dim;
    private final EncoderSpec spec;

    public FakeEncoder(String sha, int dim) {
        this(sha, new EncoderSpec("fake", "test", null, null, null, Pooling.MEAN, "", 512, dim, true, "none"));
    }

    /** A fake with the given spec (pooling, prefix, window...); its vectors depend on the text only. */
    public FakeEncoder(String sha, EncoderSpec spec) {
        this.sha = sha;
        this.dim = spec.dim();
        this.spec = spec;
    }

    @Override
    public EncoderSpec spec() {
        return spec;
    }

    @Override
    public String sha256() {
        return sha;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][dim];
        for (int i = 0; i < texts.size(); i++) {
            java.util.Random r = new java.util.Random(texts.get(i).hashCode());
            for (int d = 0; d < dim; d++) {
                out[i][d] = (float) r.nextGaussian();
            }
            OnnxSentenceEncoder.normalize(out[i]);
            embedded.incrementAndGet();
        }
        return out;
    }

    @Override
    public void close() {}
}
