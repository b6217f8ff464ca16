package org.framescope.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.framescope.util.InputException;

/**
 * The JSONL reader of {@code predict} ({@link JsonLines}: strict UTF-8 per line, one JSON object per
 * line) on arbitrary bytes. A bad file may only end in {@link InputException}; a bad line becomes
 * an error row, so every line read has a text or an error, never both.
 */
class JsonlFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void readJsonl(byte[] bytes) {
        List<JsonLines.Line> lines;
        try {
            lines = JsonLines.parse("fuzz.jsonl", bytes);
        } catch (InputException expected) {
            return;
        }
        assertThat(lines)
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l.text() == null).isNotEqualTo(l.error() == null));
    }
}
