package org.framescope.encode;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BERT-family encoder run by ONNX Runtime with a HuggingFace tokenizer. Texts longer than the
 * window are cut into consecutive windows whose vectors are averaged (up to {@link EncoderSpec#maxWindows()}
 * windows; the rest of a very long text is not embedded, but still counts for lexical features).
 * Thread-safe: ORT sessions and DJL tokenizers may be shared between threads.
 */
public final class OnnxSentenceEncoder implements SentenceEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxSentenceEncoder.class);
    private static final int BATCH = 16;
    /**
     * Padded tokens per ONNX call at most: a batch of long windows then takes about a second or two
     * on one core, which bounds how late a cancelled call stops and how much memory one call holds.
     */
    private static final int MAX_BATCH_TOKENS = 2048;

    private final EncoderSpec spec;
    private final EncoderFiles files;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean hasTypeIds;
    private final long clsId;
    private final long sepId;
    private final int dim;
    /** Embeds hold the read lock, close() the write lock: the session is never closed under a running {@code session.run}. */
    private final ReentrantReadWriteLock life = new ReentrantReadWriteLock();

    private boolean closed;

    private OnnxSentenceEncoder(
            EncoderSpec spec,
            EncoderFiles files,
            OrtEnvironment env,
            OrtSession session,
            HuggingFaceTokenizer tokenizer,
            int dim) {
        this.spec = spec;
        this.files = files;
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.hasTypeIds = session.getInputNames().contains("token_type_ids");
        long[] special = tokenizer.encode("", true, false).getIds();
        if (special.length < 2) {
            throw new IllegalStateException(
                    "tokenizer of " + spec.id() + " adds no [CLS]/[SEP] tokens; not a BERT-family tokenizer");
        }
        this.clsId = special[0];
        this.sepId = special[special.length - 1];
        this.dim = dim;
    }

    /**
     * Opens an encoder. {@code threads} is ONNX Runtime's intra-op thread count (0 = its default).
     */
    public static OnnxSentenceEncoder open(EncoderSpec spec, int threads) throws IOException {
        return open(spec, threads, SPIN_DEFAULT);
    }

    /**
     * Whether ONNX Runtime's intra-op threads busy-wait between operators by default: off, so an
     * encoder that shares its cores (another process, the service's other workers, training's own
     * threads) does not burn them spinning; {@code -Dframescope.ort.spin=true} turns it back on.
     */
    static final boolean SPIN_DEFAULT = Boolean.getBoolean("framescope.ort.spin");

    /**
     * Opens an encoder. {@code threads} is ONNX Runtime's intra-op thread count (0 = its default);
     * {@code spin} lets those threads busy-wait for work (faster on idle cores, much slower when
     * another process shares them).
     */
    public static OnnxSentenceEncoder open(EncoderSpec spec, int threads, boolean spin) throws IOException {
        EncoderFiles files = EncoderFiles.materialize(spec);
        OrtSession session = null;
        HuggingFaceTokenizer tok = null;
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            env.setTelemetry(false);
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                opts.setIntraOpNumThreads(threads);
            }
            opts.setInterOpNumThreads(1);
            opts.addConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
            session = env.createSession(files.onnx().toString(), opts);
            // Window length is enforced by our own chunking, so the tokenizer must not truncate.
            tok = HuggingFaceTokenizer.newInstance(
                    files.tokenizer(), Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
            var info = session.getOutputInfo().values().iterator().next().getInfo();
            long[] shape = ((ai.onnxruntime.TensorInfo) info).getShape();
            int dim = (int) shape[shape.length - 1];
            if (spec.dim() > 0 && dim != spec.dim()) {
                throw new IOException(
                        "encoder " + spec.id() + " outputs dimension " + dim + ", expected " + spec.dim());
            }
            return new OnnxSentenceEncoder(spec, files, env, session, tok, dim);
        } catch (OrtException e) {
            closeQuietly(session, tok);
            throw new IOException("cannot open ONNX model " + files.onnx() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException | Error e) {
            // Nothing half-opened outlives a failed open: the native session and tokenizer hold memory.
            closeQuietly(session, tok);
            throw e;
        }
    }

    private static void closeQuietly(OrtSession session, HuggingFaceTokenizer tok) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException | RuntimeException e) {
                LOG.debug("closing a half-opened ONNX session: {}", e.getMessage());
            }
        }
        if (tok != null) {
            tok.close();
        }
    }

    /** The spec this encoder was opened from. */
    @Override
    public EncoderSpec spec() {
        return spec;
    }

    /** {@inheritDoc} */
    @Override
    public String sha256() {
        return files.sha256();
    }

    /** {@inheritDoc} */
    @Override
    public String tokenizerSha256() {
        return files.tokenizerSha256();
    }

    /** The embedding width, read from the ONNX model when it was opened. */
    @Override
    public int dim() {
        return dim;
    }

    /** Token ids of the text's windows, each with [CLS] ... [SEP]. */
    List<long[]> windows(String text) {
        long[] ids = tokenizer.encode(spec.prefix() + text, false, false).getIds();
        int body = spec.maxTokens() - 2;
        List<long[]> out = new ArrayList<>();
        int maxWindows = spec.maxWindows();
        for (int start = 0; start < Math.max(ids.length, 1) && out.size() < maxWindows; start += body) {
            int end = Math.min(ids.length, start + body);
            long[] w = new long[end - start + 2];
            w[0] = clsId;
            System.arraycopy(ids, start, w, 1, end - start);
            w[w.length - 1] = sepId;
            out.add(w);
        }
        if (ids.length > (long) body * maxWindows) {
            LOG.warn("text of {} tokens: only the first {} are embedded", ids.length, body * maxWindows);
        }
        return out;
    }

    /** Number of tokens the text has (without special tokens). */
    public int tokenCount(String text) {
        return tokenizer.encode(spec.prefix() + text, false, false).getIds().length;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the ONNX runtime fails
     */
    @Override
    public float[][] embed(List<String> texts) {
        return embed(texts, () -> false);
    }

    /**
     * {@inheritDoc} The flag is read between batches of windows (a batch takes up to a second or
     * two on two cores), so a cancelled call stops within about one batch.
     *
     * @throws IllegalStateException if the ONNX runtime fails, or the encoder is closed
     */
    @Override
    public float[][] embed(List<String> texts, BooleanSupplier cancelled) {
        life.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("encoder " + spec.id() + " is closed");
            }
            return embedOpen(texts, cancelled);
        } finally {
            life.readLock().unlock();
        }
    }

    private float[][] embedOpen(List<String> texts, BooleanSupplier cancelled) {
        record Window(int text, long[] ids) {}
        List<Window> all = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (long[] w : windows(texts.get(i))) {
                all.add(new Window(i, w));
            }
        }
        // Sorting by length keeps padding low; fp32 outputs do not depend on batch mates.
        all.sort(Comparator.comparingInt(w -> w.ids().length));
        int batch = spec.batchInvariant() ? BATCH : 1;
        float[][] sums = new float[texts.size()][dim];
        for (int from = 0, to; from < all.size(); from = to) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("embedding cancelled");
            }
            // Windows are sorted by length, so the last one sets the padded size of the batch.
            to = from + 1;
            while (to < all.size()
                    && to - from < batch
                    && (long) (to - from + 1) * all.get(to).ids().length <= MAX_BATCH_TOKENS) {
                to++;
            }
            List<Window> part = all.subList(from, to);
            float[][] vecs = run(part.stream().map(Window::ids).toList());
            for (int k = 0; k < part.size(); k++) {
                int t = part.get(k).text();
                for (int d = 0; d < dim; d++) {
                    sums[t][d] += vecs[k][d];
                }
            }
        }
        for (float[] v : sums) {
            normalize(v);
        }
        return sums;
    }

    private float[][] run(List<long[]> batch) {
        int n = batch.size();
        int len = batch.stream().mapToInt(a -> a.length).max().orElse(2);
        long[][] ids = new long[n][len];
        long[][] mask = new long[n][len];
        long[][] types = new long[n][len];
        for (int i = 0; i < n; i++) {
            long[] w = batch.get(i);
            System.arraycopy(w, 0, ids[i], 0, w.length);
            Arrays.fill(mask[i], 0, w.length, 1L);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (hasTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, types));
            }
            String outName = session.getOutputNames().iterator().next();
            try (OrtSession.Result r = session.run(inputs, Set.of(outName))) {
                // Read the pooled rows straight from the native buffer: copying the whole [n, len, dim] hidden
                // state into Java arrays only to keep row 0 cost more than the pooling itself on long windows.
                java.nio.FloatBuffer hidden = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[][] out = new float[n][dim];
                for (int i = 0; i < n; i++) {
                    int base = i * len * dim;
                    if (spec.pooling() == Pooling.CLS) {
                        hidden.get(base, out[i], 0, dim);
                    } else {
                        int len_i = batch.get(i).length;
                        for (int t = 0; t < len_i; t++) {
                            int row = base + t * dim;
                            for (int d = 0; d < dim; d++) {
                                out[i][d] += hidden.get(row + d);
                            }
                        }
                        for (int d = 0; d < dim; d++) {
                            out[i][d] /= len_i;
                        }
                    }
                    normalize(out[i]);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("encoder " + spec.id() + " failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    static void normalize(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        if (s > 0) {
            float inv = (float) (1.0 / Math.sqrt(s));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
    }

    /**
     * Closes the ONNX session and the tokenizer, after the embeds in flight have returned; later
     * embeds fail. Idempotent; a failure to close the session is logged, not thrown.
     */
    @Override
    public void close() {
        life.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warn("closing ONNX session: {}", e.getMessage());
            }
            tokenizer.close();
        } finally {
            life.writeLock().unlock();
        }
    }
}
