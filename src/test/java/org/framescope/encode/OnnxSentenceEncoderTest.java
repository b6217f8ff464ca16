package org.framescope.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real bge-small encoder from its Maven jar (offline). */
class OnnxSentenceEncoderTest {

    static OnnxSentenceEncoder enc;

    @BeforeAll
    static void open() throws Exception {
        enc = OnnxSentenceEncoder.open(
                EncoderSpec.builtIn(EncoderSpec.DEFAULT_ID).orElseThrow(), 2);
    }

    @AfterAll
    static void close() {
        enc.close();
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void producesNormalisedVectorsThatReflectMeaning() {
        float[][] v = enc.embed(List.of(
                "Russian military instructors arrived to train the national army.",
                "Foreign trainers landed to prepare the country's soldiers.",
                "The price of millet rose sharply at the market this week."));
        assertThat(enc.dim()).isEqualTo(384);
        assertThat(dot(v[0], v[0])).isCloseTo(1.0, within(1e-4));
        assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]));
        assertThat(enc.sha256()).hasSize(64);
    }

    @Test
    void isDeterministicAndIndependentOfBatchMates() {
        String t = "The regional bloc lifted its sanctions after the transition timetable was agreed.";
        float[] alone = enc.embed(List.of(t))[0];
        float[] inBatch = enc.embed(List.of(
                "A much longer companion text that forces padding in the batch, "
                        + "with several clauses and many more tokens than the first one has.",
                t,
                "short"))[1];
        assertThat(dot(alone, inBatch)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void embedsTextsLongerThanTheWindowByAveragingWindows() {
        String longText = "The convoy was attacked near the border. ".repeat(200);
        assertThat(enc.tokenCount(longText)).isGreaterThan(1000);
        assertThat(enc.windows(longText)).hasSizeGreaterThan(2).allMatch(w -> w.length <= 512);
        float[] v = enc.embed(List.of(longText))[0];
        assertThat(dot(v, v)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void theWindowComesFromTheSpecAndTheTokensEmbeddedPerTextStayCapped() throws Exception {
        String longText = "The convoy was attacked near the border. ".repeat(200);
        int tokens = enc.tokenCount(longText);
        EncoderSpec base = EncoderSpec.builtIn(EncoderSpec.DEFAULT_ID).orElseThrow();
        assertThat(base.maxTokens()).isEqualTo(EncoderSpec.DEFAULT_WINDOW);
        for (int w : new int[] {512, 256, 128}) {
            EncoderSpec s = base.withWindow(w);
            try (OnnxSentenceEncoder e = OnnxSentenceEncoder.open(s, 1)) {
                assertThat(e.windows(longText))
                        .as("window %d", w)
                        .allMatch(x -> x.length <= w)
                        .hasSize((tokens + w - 3) / (w - 2));
            }
            assertThat(s.maxWindows() * (w - 2))
                    .as("tokens embedded at most, window %d", w)
                    .isBetween(EncoderSpec.MAX_TEXT_TOKENS, EncoderSpec.MAX_TEXT_TOKENS + w - 3);
        }
        // The cap of 512-token models is unchanged (16 windows), so their embedding cache files stay valid.
        assertThat(base.withWindow(512).maxWindows()).isEqualTo(16);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> base.withWindow(513))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 to 512");
    }

    @Test
    void cancellationIsReadBetweenBatchesAndClosingWaitsThenRefuses() throws Exception {
        List<String> texts = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> "Paragraph number " + i + " about talks.")
                .toList();
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        // 40 windows make three batches: cancelled after the first, the other two never run.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> enc.embed(texts, () -> polls.incrementAndGet() > 1))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(polls.get()).isEqualTo(2);
        OnnxSentenceEncoder own = OnnxSentenceEncoder.open(
                EncoderSpec.builtIn(EncoderSpec.DEFAULT_ID).orElseThrow(), 1);
        assertThat(own.tokenizerSha256()).matches("[0-9a-f]{64}");
        own.close();
        own.close(); // idempotent
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> own.embed(List.of("after close")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
