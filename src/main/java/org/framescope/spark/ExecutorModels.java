package org.framescope.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.framescope.FrameScope;
import org.framescope.util.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models loaded in this JVM (an executor, or the driver in local mode), one per model checksum
 * and settings, shared by every task and partition the JVM runs: loading costs seconds and hundreds
 * of megabytes (the encoder), scoring a partition much less. A {@link FrameScope} is thread-safe, so
 * concurrent tasks share it. Models stay loaded for the JVM's life; executors are separate JVMs
 * that end with the application.
 */
final class ExecutorModels {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, FrameScope> MODELS = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /**
     * The model with this checksum, loaded from the broadcast bytes on first use in this JVM. The
     * bytes are checked against the checksum the driver computed before they are loaded.
     *
     * @param sha256   the model file's SHA-256, hex
     * @param bytes    the model file, broadcast from the driver
     * @param options  load options (threads, length limit)
     * @param loads    gets this JVM's executor id on each load (the driver's report of loads per executor)
     * @throws IllegalStateException if the bytes do not match the checksum, or the model does not load
     */
    static FrameScope get(
            String sha256, Broadcast<byte[]> bytes, FrameScope.Options options, CollectionAccumulator<String> loads) {
        String key = sha256 + "/" + options.encoderThreads() + "/" + options.maxChars();
        // computeIfAbsent holds the key's bin while loading: concurrent tasks wait for one load.
        return MODELS.computeIfAbsent(key, k -> load(sha256, bytes.value(), options, loads));
    }

    private static FrameScope load(
            String sha256, byte[] model, FrameScope.Options options, CollectionAccumulator<String> loads) {
        String executor = executorId();
        String actual = Hashing.sha256(model);
        if (!actual.equals(sha256)) {
            throw new IllegalStateException("the model received on executor " + executor + " has SHA-256 " + actual
                    + ", not the driver's " + sha256 + ": refusing to score with it");
        }
        long t0 = System.nanoTime();
        try {
            Path file = Files.createTempFile("framescope-model-", ".zip");
            try {
                Files.write(file, model);
                FrameScope fs = FrameScope.load(file, options);
                loads.add(executor);
                LOG.info(
                        "framescope model {} loaded on executor {} in {} ms",
                        sha256.substring(0, 12),
                        executor,
                        (System.nanoTime() - t0) / 1_000_000);
                return fs;
            } finally {
                Files.deleteIfExists(file); // loaded into memory: the copy is not needed any more
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to a temporary file on executor " + executor, e);
        }
    }

    static String executorId() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "driver" : env.executorId();
    }
}
