package org.framescope.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEncoderTest {

    private static final int DIM = 8;
    /** Key, vector, CRC32C. */
    private static final int RECORD = 32 + 4 * DIM + 4;

    @TempDir
    Path dir;

    private static EncoderSpec spec(Pooling pooling, String prefix, int maxTokens, int dim) {
        return new EncoderSpec("fake", "test", null, null, null, pooling, prefix, maxTokens, dim, true, "none");
    }

    private static float[] expected(String text) {
        return new FakeEncoder("0".repeat(64), DIM).embed(List.of(text))[0];
    }

    private static Path onlyFile(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            List<Path> files =
                    s.filter(p -> p.getFileName().toString().endsWith(".bin")).toList();
            assertThat(files).hasSize(1);
            return files.get(0);
        }
    }

    @Test
    void embedsEachTextOnceAcrossInstancesAndReturnsIdenticalVectors() throws Exception {
        FakeEncoder fake = new FakeEncoder("a".repeat(64), DIM);
        CachingEncoder c1 = new CachingEncoder(fake, dir);
        float[][] first = c1.embed(List.of("alpha", "beta", "alpha"));
        assertThat(fake.embedded.get()).isEqualTo(2);
        assertThat(first[0]).isEqualTo(first[2]).isNotSameAs(first[2]);
        CachingEncoder c2 = new CachingEncoder(fake, dir);
        float[][] again = c2.embed(List.of("beta", "alpha"));
        assertThat(fake.embedded.get()).isEqualTo(2);
        assertThat(again[0]).isEqualTo(first[1]);
        assertThat(c2.hits()).isEqualTo(2);
    }

    @Test
    void aTornLastRecordIsCutSoLaterAppendsStayAlignedAcrossReloads() throws Exception {
        FakeEncoder fake = new FakeEncoder("b".repeat(64), DIM);
        new CachingEncoder(fake, dir).embed(List.of("one", "two", "three"));
        Path file = onlyFile(dir);
        // Half a record, as a writer killed mid-append leaves it.
        Files.write(file, new byte[RECORD / 2], StandardOpenOption.APPEND);

        CachingEncoder appender = new CachingEncoder(fake, dir);
        appender.embed(List.of("four", "five"));
        appender.close();
        assertThat(Files.size(file)).isEqualTo(CachingEncoder.HEADER_BYTES + 5L * RECORD);

        FakeEncoder counting = new FakeEncoder("b".repeat(64), DIM);
        CachingEncoder reloaded = new CachingEncoder(counting, dir);
        List<String> all = List.of("one", "two", "three", "four", "five");
        float[][] got = reloaded.embed(all);
        assertThat(counting.embedded.get()).isZero();
        assertThat(reloaded.hits()).isEqualTo(5);
        for (int i = 0; i < all.size(); i++) {
            assertThat(got[i]).as(all.get(i)).isEqualTo(expected(all.get(i)));
        }
    }

    @Test
    void aCorruptedRecordInTheMiddleIsAMissNotAWrongVector() throws Exception {
        FakeEncoder fake = new FakeEncoder("c".repeat(64), DIM);
        new CachingEncoder(fake, dir).embed(List.of("first", "middle", "last"));
        Path file = onlyFile(dir);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // One flipped bit inside the vector of the second record.
            long pos = CachingEncoder.HEADER_BYTES + RECORD + 32 + 5;
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, pos);
            ch.write(ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x10)}), pos);
        }
        FakeEncoder counting = new FakeEncoder("c".repeat(64), DIM);
        CachingEncoder c = new CachingEncoder(counting, dir);
        float[][] got = c.embed(List.of("first", "middle", "last"));
        assertThat(c.hits()).isEqualTo(2);
        assertThat(c.misses()).isEqualTo(1);
        assertThat(counting.embedded.get()).isEqualTo(1);
        assertThat(got[1]).isEqualTo(expected("middle"));
        assertThat(got[2]).isEqualTo(expected("last"));
    }

    @Test
    void aDamagedHeaderStartsTheFileAfresh() throws Exception {
        FakeEncoder fake = new FakeEncoder("d".repeat(64), DIM);
        new CachingEncoder(fake, dir).embed(List.of("kept?"));
        Path file = onlyFile(dir);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0}), 3);
        }
        CachingEncoder c = new CachingEncoder(fake, dir);
        assertThat(c.indexed()).isZero();
        assertThat(c.embed(List.of("kept?"))[0]).isEqualTo(expected("kept?"));
        assertThat(c.misses()).isEqualTo(1);
        assertThat(Files.size(file)).isEqualTo(CachingEncoder.HEADER_BYTES + RECORD);
    }

    @Test
    void poolingPrefixWindowWidthWeightsAndTokenizerAllChangeTheKey() throws Exception {
        String sha = "e".repeat(64);
        byte[] base = CachingEncoder.contextDigest(new FakeEncoder(sha, spec(Pooling.MEAN, "", 512, DIM)));
        assertThat(CachingEncoder.contextDigest(new FakeEncoder(sha, spec(Pooling.MEAN, "", 512, DIM))))
                .isEqualTo(base);
        assertThat(CachingEncoder.contextDigest(new FakeEncoder(sha, spec(Pooling.CLS, "", 512, DIM))))
                .isNotEqualTo(base);
        assertThat(CachingEncoder.contextDigest(new FakeEncoder(sha, spec(Pooling.MEAN, "query: ", 512, DIM))))
                .isNotEqualTo(base);
        assertThat(CachingEncoder.contextDigest(new FakeEncoder(sha, spec(Pooling.MEAN, "", 256, DIM))))
                .isNotEqualTo(base);
        assertThat(CachingEncoder.contextDigest(new FakeEncoder(sha, spec(Pooling.MEAN, "", 512, 16))))
                .isNotEqualTo(base);
        assertThat(CachingEncoder.contextDigest(new FakeEncoder("f".repeat(64), spec(Pooling.MEAN, "", 512, DIM))))
                .isNotEqualTo(base);

        Path encA = Files.createDirectories(dir.resolve("encA"));
        Path encB = Files.createDirectories(dir.resolve("encB"));
        Files.writeString(encA.resolve("tokenizer.json"), "{\"model\":{\"vocab\":{\"a\":0}}}");
        Files.writeString(encB.resolve("tokenizer.json"), "{\"model\":{\"vocab\":{\"b\":0}}}");
        byte[] tokA = CachingEncoder.contextDigest(
                new FakeEncoder(sha, withDim(EncoderSpec.fromDirectory(encA, Pooling.MEAN, "", 512))));
        byte[] tokB = CachingEncoder.contextDigest(
                new FakeEncoder(sha, withDim(EncoderSpec.fromDirectory(encB, Pooling.MEAN, "", 512))));
        assertThat(tokA).isNotEqualTo(tokB);
    }

    private static EncoderSpec withDim(EncoderSpec s) {
        return new EncoderSpec(
                s.id(),
                s.artifact(),
                s.onnxResource(),
                s.tokenizerResource(),
                s.directory(),
                s.pooling(),
                s.prefix(),
                s.maxTokens(),
                DIM,
                s.batchInvariant(),
                s.licence());
    }

    @Test
    void encodersThatDifferOnlyInPoolingOrPrefixDoNotShareVectors() throws Exception {
        String sha = "1".repeat(64);
        new CachingEncoder(new FakeEncoder(sha, spec(Pooling.MEAN, "", 512, DIM)), dir).embed(List.of("shared text"));
        FakeEncoder cls = new FakeEncoder(sha, spec(Pooling.CLS, "", 512, DIM));
        new CachingEncoder(cls, dir).embed(List.of("shared text"));
        FakeEncoder prefixed = new FakeEncoder(sha, spec(Pooling.MEAN, "query: ", 512, DIM));
        new CachingEncoder(prefixed, dir).embed(List.of("shared text"));
        FakeEncoder window = new FakeEncoder(sha, spec(Pooling.MEAN, "", 128, DIM));
        new CachingEncoder(window, dir).embed(List.of("shared text"));
        assertThat(cls.embedded.get()).isEqualTo(1);
        assertThat(prefixed.embedded.get()).isEqualTo(1);
        assertThat(window.embedded.get()).isEqualTo(1);
    }

    @Test
    void theFileAndTheIndexStayWithinTheBoundAndKeepTheNewestVectors() throws Exception {
        long maxBytes = CachingEncoder.HEADER_BYTES + 10L * RECORD;
        FakeEncoder fake = new FakeEncoder("2".repeat(64), DIM);
        CachingEncoder c = new CachingEncoder(fake, dir, maxBytes);
        List<String> texts = IntStream.range(0, 37).mapToObj(i -> "text " + i).toList();
        for (String t : texts) {
            c.embed(List.of(t));
            assertThat(Files.size(c.file())).isLessThanOrEqualTo(maxBytes);
            assertThat(c.indexed()).isLessThanOrEqualTo(10);
        }
        // A batch larger than the whole bound still leaves the file within it.
        c.embed(IntStream.range(0, 25).mapToObj(i -> "batch " + i).toList());
        assertThat(Files.size(c.file())).isLessThanOrEqualTo(maxBytes);
        c.close();

        FakeEncoder counting = new FakeEncoder("2".repeat(64), DIM);
        CachingEncoder reloaded = new CachingEncoder(counting, dir, maxBytes);
        assertThat(reloaded.indexed()).isBetween(1, 10);
        assertThat(reloaded.embed(List.of("batch 24"))[0]).isEqualTo(expected("batch 24"));
        assertThat(counting.embedded.get())
                .as("the newest vector survived compaction")
                .isZero();
        assertThat(reloaded.embed(List.of("text 0"))[0]).isEqualTo(expected("text 0"));
        assertThat(counting.embedded.get()).as("the oldest vector was dropped").isEqualTo(1);
    }

    @Test
    void instancesSharingAFileInOneJvmAppendConcurrentlyWithoutLosingRecords() throws Exception {
        FakeEncoder fake = new FakeEncoder("3".repeat(64), DIM);
        List<CachingEncoder> caches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            caches.add(new CachingEncoder(fake, dir));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                CachingEncoder c = caches.get(i);
                int t = i;
                done.add(pool.submit(() -> {
                    for (int j = 0; j < 50; j++) {
                        c.embed(List.of("thread " + t + " text " + j));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(Files.size(onlyFile(dir))).isEqualTo(CachingEncoder.HEADER_BYTES + 200L * RECORD);
        FakeEncoder counting = new FakeEncoder("3".repeat(64), DIM);
        CachingEncoder reloaded = new CachingEncoder(counting, dir);
        assertThat(reloaded.indexed()).isEqualTo(200);
        assertThat(reloaded.embed(List.of("thread 3 text 49"))[0]).isEqualTo(expected("thread 3 text 49"));
        assertThat(counting.embedded.get()).isZero();
    }

    @Test
    void anotherInstancesCompactionTurnsStaleIndexEntriesIntoMissesNotWrongVectors() throws Exception {
        long maxBytes = CachingEncoder.HEADER_BYTES + 6L * RECORD;
        CachingEncoder writer = new CachingEncoder(new FakeEncoder("4".repeat(64), DIM), dir, maxBytes);
        writer.embed(List.of("a", "b", "c", "d"));
        CachingEncoder late = new CachingEncoder(new FakeEncoder("4".repeat(64), DIM), dir, maxBytes);
        assertThat(late.indexed()).isEqualTo(4);
        // Compacts: records move to other slots than `late` indexed.
        writer.embed(List.of("e", "f", "g"));
        float[][] got = late.embed(List.of("a", "b", "c", "d", "e", "f", "g"));
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isEqualTo(expected(String.valueOf((char) ('a' + i))));
        }
        assertThat(late.misses()).isEqualTo(7);
        assertThat(Files.size(writer.file())).isLessThanOrEqualTo(maxBytes);
    }

    @Test
    void sevenThousandCachedVectorsLoadWellUnderASecond() throws Exception {
        int dim = 384;
        List<String> texts = IntStream.range(0, 7000)
                .mapToObj(i -> "paragraph number " + i + " of a long corpus")
                .toList();
        new CachingEncoder(new FakeEncoder("5".repeat(64), dim), dir).embed(texts);
        FakeEncoder counting = new FakeEncoder("5".repeat(64), dim);
        long t0 = System.nanoTime();
        CachingEncoder c = new CachingEncoder(counting, dir);
        float[][] got = c.embed(texts);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("7000 cached vectors: " + ms + " ms");
        assertThat(counting.embedded.get()).isZero();
        assertThat(got.length).isEqualTo(7000);
        assertThat(got[6999]).isEqualTo(new FakeEncoder("5".repeat(64), dim).embed(List.of(texts.get(6999)))[0]);
        // Generous for a loaded 2-core CI machine; locally this is tens of milliseconds.
        assertThat(ms).isLessThan(2000);
    }
}
