package org.framescope.text;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** A class of its own because Jazzer fuzzes one @FuzzTest per JVM and this one is slow per input. */
class SegmenterLongFuzzTest {

    /**
     * A fuzzed unit of up to 64 characters repeated to {@value SegmenterFuzzTest#MAX_CHARS}
     * characters: repetitive pages (one long word, thousands of chrome lines, blank runs) are where
     * super-linear regexes and loops show.
     */
    @FuzzTest(maxDuration = "10s")
    void segmentRepeated(FuzzedDataProvider data) {
        String unit = data.consumeString(64);
        if (unit.isEmpty()) {
            return;
        }
        SegmenterFuzzTest.check(unit.repeat(SegmenterFuzzTest.MAX_CHARS / unit.length()));
    }
}
