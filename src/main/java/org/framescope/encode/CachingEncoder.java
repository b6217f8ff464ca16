package org.framescope.encode;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.framescope.util.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an encoder with an on-disk cache, so retraining, evaluation and cross-validation embed each
 * paragraph once.
 *
 * <p><b>Key.</b> A vector is stored under SHA-256 of the encoder's context and the text, the
 * context being everything that changes a vector: the weights' SHA-256, the tokenizer's identity
 * (SHA-256 of its tokenizer.json where that file is known), pooling, prefix, window length, the
 * most windows per text, the width, and whether batches are run one text at a time. Each context
 * has a file of its own, {@code embeddings-v2-<context>-<dim>.bin}.
 *
 * <p><b>Format and crash safety.</b> A 64-byte header (magic, width, record size, generation,
 * context, CRC32C) and then fixed-size records: 32-byte key, the vector, CRC32C of both. Every
 * record is checked (checksum and full key) when it is read, so a torn or corrupted record is a
 * cache miss, never a wrong vector. Writers hold a {@link FileLock} (and a lock per file within the
 * JVM, since a JVM cannot hold two overlapping FileLocks) and, before appending, cut a torn tail
 * back to the last whole record, so an append always lands on a record boundary. Nothing is
 * renamed, so another process's open file stays the cache file.
 *
 * <p><b>Bound.</b> The file holds at most {@code maxBytes} ({@link #DEFAULT_MAX_BYTES} by default,
 * about 170,000 vectors of width 384). An append that would pass it first compacts the file in
 * place to its newest half, records in append order, and bumps the header's generation so other
 * processes re-index. Memory holds only an index of 8-byte key prefix to record number, at most
 * one entry per record of the file; vectors are read from the file when asked for.
 *
 * <p>Thread-safe; any number of processes may share a cache directory.
 */
public final class CachingEncoder implements SentenceEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(CachingEncoder.class);

    /** Largest size of one cache file unless a constructor says otherwise: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    static final int HEADER_BYTES = 64;
    private static final int KEY_BYTES = 32;
    /** "FSEMBv02": a different format never parses as this one. */
    private static final long MAGIC = 0x4653454d42763032L;

    private static final int SCAN_CHUNK_BYTES = 1 << 20;
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final SentenceEncoder inner;
    private final Path file;
    private final byte[] context;
    private final int dim;
    private final int recordBytes;
    private final long maxRecords;
    private final ReentrantLock jvmLock;
    /** First 8 key bytes to record number; a collision only costs a miss, reads check the full key. */
    private final Map<Long, Integer> index = new HashMap<>();

    private final ByteBuffer readBuf;
    private FileChannel channel;
    private volatile boolean writable; // set once while opening, read under the lock
    private long generation;
    /** Records of the file already indexed. */
    private long scanned;

    private long hits;
    private long misses;

    /**
     * Wraps the encoder with a cache file of at most {@link #DEFAULT_MAX_BYTES} in {@code cacheDir},
     * indexing what it already holds.
     *
     * @throws IOException if the directory cannot be created or the cache file cannot be read
     */
    public CachingEncoder(SentenceEncoder inner, Path cacheDir) throws IOException {
        this(inner, cacheDir, DEFAULT_MAX_BYTES);
    }

    /**
     * Wraps the encoder with a cache file of at most {@code maxBytes} in {@code cacheDir}, indexing
     * what it already holds. A cache file that cannot be written or locked is only read.
     *
     * @throws IllegalArgumentException if {@code maxBytes} holds fewer than two records
     * @throws IOException if the directory cannot be created or the cache file cannot be read
     */
    public CachingEncoder(SentenceEncoder inner, Path cacheDir, long maxBytes) throws IOException {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.dim = inner.dim();
        this.recordBytes = KEY_BYTES + 4 * dim + 4;
        this.maxRecords = (maxBytes - HEADER_BYTES) / recordBytes;
        if (maxRecords < 2 || maxRecords > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "a cache of " + maxBytes + " bytes must hold 2 to 2^31-1 vectors of width " + dim);
        }
        this.context = contextDigest(inner);
        Files.createDirectories(cacheDir);
        this.file = cacheDir.resolve("embeddings-v2-" + HexFormat.of().formatHex(context, 0, 8) + "-" + dim + ".bin");
        this.jvmLock = JVM_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock());
        this.readBuf = ByteBuffer.allocate(recordBytes);
        open();
    }

    /**
     * Wraps the encoder with a cache in the {@code embeddings} folder of framescope's cache directory,
     * indexing what is already cached there.
     *
     * @throws IOException if the cache directory cannot be created or the cache file cannot be read
     */
    public static CachingEncoder inDefaultLocation(SentenceEncoder inner) throws IOException {
        return new CachingEncoder(inner, CacheDirs.directory("embeddings"));
    }

    /** The cache file of this encoder. */
    public Path file() {
        return file;
    }

    private void open() throws IOException {
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            locked(this::refresh);
            writable = true;
        } catch (IOException e) {
            // A read-only directory or a file system without locks: answer what the file holds, keep nothing new.
            LOG.warn("embedding cache {} is read-only: {}", file, e.getMessage());
            if (channel != null) {
                channel.close();
                channel = null;
            }
            if (!Files.isRegularFile(file)) {
                return;
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
            Header h = readHeader();
            if (h != null) {
                generation = h.generation();
                scan(recordCount());
            }
        }
        LOG.debug("embedding cache {}: {} vectors", file, index.size());
    }

    private interface LockedWork {
        void run() throws IOException;
    }

    private void locked(LockedWork work) throws IOException {
        jvmLock.lock();
        try (FileLock ignored = channel.lock()) {
            work.run();
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Under the lock: makes the file a valid cache file ending on a record boundary, and brings the
     * index up to date with what other processes appended or compacted.
     */
    private void refresh() throws IOException {
        Header h = readHeader();
        if (h == null) {
            // Missing, foreign or damaged header: start the file afresh (it is only a cache).
            channel.truncate(0);
            writeHeader(ThreadLocalRandom.current().nextLong());
            h = readHeader();
        }
        long size = channel.size();
        long aligned = HEADER_BYTES + (size - HEADER_BYTES) / recordBytes * recordBytes;
        if (aligned != size) {
            // A writer died mid-record: cut its torn record so the next append starts on a boundary.
            LOG.debug("embedding cache {}: dropping a torn record of {} bytes", file, size - aligned);
            channel.truncate(aligned);
        }
        long count = recordCount();
        if (h.generation() != generation || count < scanned) {
            index.clear();
            scanned = 0;
            generation = h.generation();
        }
        scan(count);
    }

    private long recordCount() throws IOException {
        return Math.max(0, (channel.size() - HEADER_BYTES) / recordBytes);
    }

    /** Indexes records {@code scanned..count-1}, skipping any whose checksum fails. */
    private void scan(long count) throws IOException {
        int perChunk = Math.max(1, SCAN_CHUNK_BYTES / recordBytes);
        ByteBuffer buf = ByteBuffer.allocate(perChunk * recordBytes);
        byte[] rec = new byte[recordBytes];
        while (scanned < count) {
            int n = (int) Math.min(perChunk, count - scanned);
            buf.clear().limit(n * recordBytes);
            int got = readFully(buf, offset(scanned));
            buf.flip();
            for (int i = 0; i < got / recordBytes; i++) {
                buf.get(rec);
                if (valid(rec)) {
                    index.put(ByteBuffer.wrap(rec).getLong(0), (int) (scanned + i));
                }
            }
            if (got < n * recordBytes) {
                // The file shrank under a lock-free read (another process compacted): index what was read.
                scanned += got / recordBytes;
                return;
            }
            scanned += n;
        }
    }

    private int readFully(ByteBuffer buf, long position) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int r = channel.read(buf, position + total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    private long offset(long record) {
        return HEADER_BYTES + record * recordBytes;
    }

    private boolean valid(byte[] rec) {
        CRC32C crc = new CRC32C();
        crc.update(rec, 0, recordBytes - 4);
        return (int) crc.getValue() == ByteBuffer.wrap(rec).getInt(recordBytes - 4);
    }

    private record Header(long generation) {}

    /** The header if it is a valid one of this context and width, else null. */
    private Header readHeader() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        if (readFully(b, 0) < HEADER_BYTES) {
            return null;
        }
        byte[] h = b.array();
        ByteBuffer hb = ByteBuffer.wrap(h);
        CRC32C crc = new CRC32C();
        crc.update(h, 0, 56);
        if (hb.getLong(0) != MAGIC
                || hb.getInt(8) != dim
                || hb.getInt(12) != recordBytes
                || !Arrays.equals(h, 24, 56, context, 0, KEY_BYTES)
                || hb.getInt(56) != (int) crc.getValue()) {
            return null;
        }
        return new Header(hb.getLong(16));
    }

    private void writeHeader(long gen) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        b.putLong(MAGIC).putInt(dim).putInt(recordBytes).putLong(gen).put(context);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 56);
        b.putInt(56, (int) crc.getValue());
        b.clear();
        while (b.hasRemaining()) {
            channel.write(b, b.position());
        }
    }

    /**
     * The context digest: SHA-256 of everything besides the text that decides the vector, each field
     * length-prefixed so that no two contexts serialise alike.
     */
    static byte[] contextDigest(SentenceEncoder enc) {
        EncoderSpec spec = Objects.requireNonNull(enc.spec(), "spec");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("framescope-embedding-cache-v2");
            out.writeUTF(enc.sha256());
            out.writeUTF(tokenizerIdentity(spec));
            out.writeUTF(String.valueOf(spec.pooling()));
            out.writeUTF(spec.prefix() == null ? "" : spec.prefix());
            out.writeInt(spec.maxTokens());
            out.writeInt(spec.maxWindows());
            out.writeInt(enc.dim());
            out.writeBoolean(spec.batchInvariant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Hashing.sha256Digest().digest(bytes.toByteArray());
    }

    /** SHA-256 of the tokenizer.json in use where it is on disk, else what the spec says of it. */
    static String tokenizerIdentity(EncoderSpec spec) {
        Path tok = EncoderFiles.tokenizerFile(spec);
        if (tok != null && Files.isRegularFile(tok)) {
            try {
                return "sha256:" + EncoderFiles.cachedSha(tok);
            } catch (IOException e) {
                LOG.debug("cannot hash {}: {}", tok, e.getMessage());
            }
        }
        return "spec:" + spec.id() + "|" + spec.artifact() + "|" + spec.tokenizerResource();
    }

    private byte[] key(String text) {
        MessageDigest md = Hashing.sha256Digest();
        md.update(context);
        md.update(text.getBytes(StandardCharsets.UTF_8));
        return md.digest();
    }

    /** The cached vector of the key, or null when it is not cached or its record fails its checks. */
    private float[] lookup(byte[] key) {
        Integer record = index.get(ByteBuffer.wrap(key).getLong(0));
        if (record == null || channel == null) {
            return null;
        }
        try {
            readBuf.clear();
            if (readFully(readBuf, offset(record)) < recordBytes) {
                return null;
            }
            byte[] rec = readBuf.array();
            if (!valid(rec) || !Arrays.equals(rec, 0, KEY_BYTES, key, 0, KEY_BYTES)) {
                return null;
            }
            float[] v = new float[dim];
            ByteBuffer.wrap(rec, KEY_BYTES, 4 * dim).asFloatBuffer().get(v);
            return v;
        } catch (IOException e) {
            LOG.debug("embedding cache {}: read failed: {}", file, e.getMessage());
            return null;
        }
    }

    /**
     * {@inheritDoc} Only texts not yet cached go to the wrapped encoder, and their vectors are
     * appended to the cache. Every returned array is the caller's own.
     */
    @Override
    public float[][] embed(List<String> texts) {
        return embed(texts, () -> false);
    }

    /** {@inheritDoc} Cancellation reaches the wrapped encoder's work on the texts not yet cached. */
    @Override
    public synchronized float[][] embed(List<String> texts, java.util.function.BooleanSupplier cancelled) {
        float[][] out = new float[texts.size()][];
        List<String> missingTexts = new ArrayList<>();
        List<byte[]> missingKeys = new ArrayList<>();
        Map<String, Integer> firstMissing = new HashMap<>();
        int[] missingSlot = new int[texts.size()];
        Arrays.fill(missingSlot, -1);
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Integer seen = firstMissing.get(text);
            if (seen != null) {
                missingSlot[i] = seen;
                continue;
            }
            byte[] k = key(text);
            float[] v = lookup(k);
            if (v != null) {
                out[i] = v;
                hits++;
            } else {
                firstMissing.put(text, missingTexts.size());
                missingSlot[i] = missingTexts.size();
                missingTexts.add(text);
                missingKeys.add(k);
            }
        }
        if (!missingTexts.isEmpty()) {
            float[][] fresh = inner.embed(missingTexts, cancelled);
            misses += missingTexts.size();
            if (writable && channel != null) {
                try {
                    locked(() -> append(missingKeys, fresh));
                } catch (IOException e) {
                    // The cache is an optimisation: a full disk must not fail the job.
                    LOG.warn("could not write embedding cache {}: {}", file, e.getMessage());
                }
            }
            boolean[] handedOut = new boolean[fresh.length];
            for (int i = 0; i < texts.size(); i++) {
                int m = missingSlot[i];
                if (m >= 0) {
                    out[i] = handedOut[m] ? fresh[m].clone() : fresh[m];
                    handedOut[m] = true;
                }
            }
        }
        return out;
    }

    /** Under the lock: appends the vectors as records, compacting first if the file would pass its bound. */
    private void append(List<byte[]> keys, float[][] vectors) throws IOException {
        refresh();
        int from = (int) Math.max(0, keys.size() - maxRecords);
        int n = keys.size() - from;
        long count = recordCount();
        if (count + n > maxRecords) {
            count = compact(Math.min(maxRecords / 2, maxRecords - n));
        }
        ByteBuffer buf = ByteBuffer.allocate(n * recordBytes);
        CRC32C crc = new CRC32C();
        for (int j = from; j < keys.size(); j++) {
            int start = buf.position();
            buf.put(keys.get(j));
            for (float f : vectors[j]) {
                buf.putFloat(f);
            }
            crc.reset();
            crc.update(buf.array(), start, recordBytes - 4);
            buf.putInt((int) crc.getValue());
        }
        buf.flip();
        long pos = offset(count);
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
        for (int j = from; j < keys.size(); j++) {
            index.put(ByteBuffer.wrap(keys.get(j)).getLong(0), (int) (count + j - from));
        }
        scanned = count + n;
    }

    /**
     * Under the lock: moves the newest {@code keep} valid records to the front of the file and cuts
     * the rest. The generation is bumped first, so a crash mid-way still makes other processes
     * re-index; every slot is a whole record either way, checked on read.
     *
     * @return the records now in the file
     */
    private long compact(long keep) throws IOException {
        long count = recordCount();
        long src = Math.max(0, count - keep);
        generation++;
        writeHeader(generation);
        index.clear();
        int perChunk = Math.max(1, SCAN_CHUNK_BYTES / recordBytes);
        ByteBuffer in = ByteBuffer.allocate(perChunk * recordBytes);
        byte[] rec = new byte[recordBytes];
        long written = 0;
        for (long r = src; r < count; r += perChunk) {
            int n = (int) Math.min(perChunk, count - r);
            in.clear().limit(n * recordBytes);
            readFully(in, offset(r));
            in.flip();
            ByteBuffer out = ByteBuffer.allocate(n * recordBytes);
            int kept = 0;
            for (int i = 0; i < n; i++) {
                in.get(rec);
                if (valid(rec)) {
                    out.put(rec);
                    index.put(ByteBuffer.wrap(rec).getLong(0), (int) (written + kept));
                    kept++;
                }
            }
            out.flip();
            long pos = offset(written);
            // Writes go below the reads (written <= r), so no record is overwritten before it is read.
            while (out.hasRemaining()) {
                pos += channel.write(out, pos);
            }
            written += kept;
        }
        channel.truncate(offset(written));
        scanned = written;
        LOG.debug("embedding cache {}: compacted {} records to {}", file, count, written);
        return written;
    }

    /** How many texts were answered from the cache so far. */
    public synchronized long hits() {
        return hits;
    }

    /** How many texts had to be embedded by the wrapped encoder so far. */
    public synchronized long misses() {
        return misses;
    }

    /** How many vectors the in-memory index points at now (at most one per record of the file). */
    public synchronized int indexed() {
        return index.size();
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

    /** Closes the cache file and the wrapped encoder. */
    @Override
    public synchronized void close() {
        if (channel != null) {
            // Under the JVM lock: on some systems closing a channel drops every lock this JVM holds on the file.
            jvmLock.lock();
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", file, e.getMessage());
            } finally {
                jvmLock.unlock();
                channel = null;
            }
        }
        inner.close();
    }
}
