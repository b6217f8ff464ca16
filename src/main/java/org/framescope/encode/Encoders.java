package org.framescope.encode;

import java.io.IOException;

/** The one place an ONNX sentence encoder is opened for use (facade, training, cross-validation, ablations). */
public final class Encoders {
    private Encoders() {}

    /**
     * Opens the encoder of {@code spec} with {@code threads} ONNX Runtime threads (0 = its default), wrapped in the
     * on-disk embedding cache ({@link CachingEncoder#inDefaultLocation}) when {@code cache} is set. The encoder is
     * closed again if its cache cannot be opened, so a failure leaks no native session.
     */
    public static SentenceEncoder open(EncoderSpec spec, int threads, boolean cache) throws IOException {
        OnnxSentenceEncoder onnx = OnnxSentenceEncoder.open(spec, threads);
        if (!cache) {
            return onnx;
        }
        try {
            return CachingEncoder.inDefaultLocation(onnx);
        } catch (IOException | RuntimeException e) {
            onnx.close();
            throw e;
        }
    }
}
