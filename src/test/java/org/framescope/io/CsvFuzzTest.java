package org.framescope.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.framescope.TestSchemes;
import org.framescope.data.Corpus;
import org.framescope.text.Segmenter;
import org.framescope.text.TextLimits;
import org.framescope.util.InputException;

/**
 * The labelled-CSV path of train/eval/predict on arbitrary file bytes: {@link CsvTable#parse} (what
 * {@link CsvTable#read} does with a file's bytes) and then {@link CorpusReader}. Bad input may only
 * end in {@link InputException}.
 */
class CsvFuzzTest {

    private static final CorpusReader READER = new CorpusReader(
            TestSchemes.tiny(), CsvColumns.defaults(), Segmenter.defaults(), TextLimits.DEFAULT_MAX_CHARS);

    @FuzzTest(maxDuration = "10s")
    void readCorpus(byte[] bytes) throws IOException {
        CsvTable table;
        try {
            table = CsvTable.parse("fuzz.csv", bytes);
        } catch (InputException expected) {
            return;
        }
        for (CsvTable.Row r : table.rows()) {
            assertThat(r.cells()).hasSameSizeAs(table.header());
            assertThat(r.row()).isGreaterThan(1);
        }
        try {
            Corpus c = READER.read(table);
            assertThat(c).isNotNull();
        } catch (InputException expected) {
            // a CSV that is well-formed but not a valid labelled corpus
        }
    }
}
