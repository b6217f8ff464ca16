package org.framescope.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Segmenter and boilerplate filter on arbitrary short text: no exception, and linear time (long
 * repetitive text: {@link SegmenterLongFuzzTest}).
 */
class SegmenterFuzzTest {

    /** The CLI's and the service's default text limit. */
    static final int MAX_CHARS = 200_000;
    /**
     * Linear work on 200,000 characters takes about 30 ms plain and a few seconds under Jazzer's
     * hooks; a quadratic pass takes hours, so this bound cannot be flaky and still catches one.
     */
    static final long MAX_MILLIS = 30_000;

    private static final Segmenter SEGMENTER = Segmenter.defaults();

    /** Short texts (the fuzzer's own lengths, up to 4 KB): many inputs per second. */
    @FuzzTest(maxDuration = "10s")
    void segment(FuzzedDataProvider data) {
        check(data.consumeRemainingAsString());
    }

    static void check(String text) {
        long t0 = System.nanoTime();
        SegmentedArticle a = SEGMENTER.segment(text);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("segmenting %d characters", text.length()).isLessThan(MAX_MILLIS);
        for (int i = 0; i < a.paragraphs().size(); i++) {
            Segment s = a.paragraphs().get(i);
            assertThat(s.index()).isEqualTo(i);
            assertThat(s.text()).isNotBlank();
        }
        assertThat(a.language()).isNotNull();
    }
}
