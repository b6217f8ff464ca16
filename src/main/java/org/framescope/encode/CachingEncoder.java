package org.framescope.encode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Wraps an encoder with an on-disk cache keyed by (encoder SHA-256, text SHA-256), so retraining,
 * evaluation and cross-validation embed each paragraph once. The cache is one append-only file per
 * encoder of fixed-size records; a torn last record (crash mid-write) is ignored on load.
 */
public final class CachingEncoder implements SentenceEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(CachingEncoder.class);

    private final SentenceEncoder inner;
    private final Path file;
    private final Map<String, float[]> memory = new HashMap<>();
    private final int recordBytes;
    private long hits;
    private long misses;

    /**
     * Wraps the encoder with a cache file in {@code cacheDir} (one file per encoder SHA-256 and width),
     * loading what it already holds.
     *
     * @throws IOException if the directory cannot be created or the cache file cannot be read
     */
    public CachingEncoder(SentenceEncoder inner, Path cacheDir) throws IOException {
        this.inner = inner;
        Files.createDirectories(cacheDir);
        this.file = cacheDir.resolve("embeddings-" + inner.sha256().substring(0, 16) + "-" + inner.dim() + ".bin");
        this.recordBytes = 32 + 4 * inner.dim();
        load();
    }

    /**
     * Wraps the encoder with a cache in the {@code embeddings} folder of framescope's cache directory,
     * loading what is already cached there.
     *
     * @throws IOException if the cache directory cannot be created or the cache file cannot be read
     */
    public static CachingEncoder inDefaultLocation(SentenceEncoder inner) throws IOException {
        return new CachingEncoder(inner, CacheDirs.directory("embeddings"));
    }

    private void load() throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        byte[] rec = new byte[recordBytes];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                try {
                    in.readFully(rec);
                } catch (EOFException e) {
                    break;
                }
                ByteBuffer b = ByteBuffer.wrap(rec);
                byte[] key = new byte[32];
                b.get(key);
                float[] v = new float[inner.dim()];
                b.asFloatBuffer().get(v);
                memory.put(HexFormat.of().formatHex(key), v);
            }
        }
        LOG.debug("embedding cache {}: {} vectors", file, memory.size());
    }

    private static byte[] key(String text) {
        return Hashing.sha256Digest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@inheritDoc} Cached vectors are returned as copies; only texts not yet cached go to the wrapped
     * encoder, and their vectors are appended to the cache.
     */
    @Override
    public float[][] embed(List<String> texts) {
        return embed(texts, () -> false);
    }

    /** {@inheritDoc} Cancellation reaches the wrapped encoder's work on the texts not yet cached. */
    @Override
    public synchronized float[][] embed(List<String> texts, java.util.function.BooleanSupplier cancelled) {
        float[][] out = new float[texts.size()][];
        List<Integer> missing = new ArrayList<>();
        List<String> missingTexts = new ArrayList<>();
        Map<String, Integer> firstMissing = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String k = HexFormat.of().formatHex(key(texts.get(i)));
            float[] v = memory.get(k);
            if (v != null) {
                out[i] = v.clone();
                hits++;
            } else if (!firstMissing.containsKey(k)) {
                firstMissing.put(k, missingTexts.size());
                missing.add(i);
                missingTexts.add(texts.get(i));
            } else {
                missing.add(i);
            }
        }
        if (!missingTexts.isEmpty()) {
            float[][] fresh = inner.embed(missingTexts, cancelled);
            misses += missingTexts.size();
            ByteBuffer buf = ByteBuffer.allocate(recordBytes * missingTexts.size());
            for (int j = 0; j < missingTexts.size(); j++) {
                byte[] k = key(missingTexts.get(j));
                memory.put(HexFormat.of().formatHex(k), fresh[j]);
                buf.put(k);
                for (float f : fresh[j]) {
                    buf.putFloat(f);
                }
            }
            append(buf.flip());
            for (int i : missing) {
                out[i] = memory.get(HexFormat.of().formatHex(key(texts.get(i)))).clone();
            }
        }
        return out;
    }

    private void append(ByteBuffer buf) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock lock = ch.lock()) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            // The cache is an optimisation: a read-only or full disk must not fail the job.
            LOG.warn("could not write embedding cache {}: {}", file, e.getMessage());
        }
    }

    /** How many texts were answered from the cache so far. */
    public synchronized long hits() {
        return hits;
    }

    /** How many texts had to be embedded by the wrapped encoder so far. */
    public synchronized long misses() {
        return misses;
    }

    /** The wrapped encoder's spec. */
    @Override
    public EncoderSpec spec() {
        return inner.spec();
    }

    /** {@inheritDoc} Those of the wrapped encoder. */
    @Override
    public String sha256() {
        return inner.sha256();
    }

    /** {@inheritDoc} That of the wrapped encoder. */
    @Override
    public String tokenizerSha256() {
        return inner.tokenizerSha256();
    }

    /** The wrapped encoder's embedding width. */
    @Override
    public int dim() {
        return inner.dim();
    }

    /** Closes the wrapped encoder. */
    @Override
    public void close() {
        inner.close();
    }
}
