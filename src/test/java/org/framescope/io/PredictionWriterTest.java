package org.framescope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.framescope.TestSchemes;
import org.junit.jupiter.api.Test;

class PredictionWriterTest {

    static List<PredictionRow> rows(String... ids) {
        return java.util.Arrays.stream(ids)
                .map(id -> new PredictionRow(id, 2, "error", -1, null, Map.of(), "empty text"))
                .toList();
    }

    /** Regression (#9): ids such as =HYPERLINK(...) ran as formulas when the CSV was opened in a spreadsheet. */
    @Test
    void csvIdsThatASpreadsheetWouldRunAreQuotedJsonlIdsUnchanged() throws Exception {
        StringWriter csv = new StringWriter();
        PredictionWriter.writeCsv(csv, TestSchemes.tiny(), rows("=1+1", "+1", "-2", "@SUM(A1)", "ok", "a=b"));
        List<String> lines = csv.toString().lines().skip(1).toList();
        assertThat(lines)
                .extracting(l -> l.substring(0, l.indexOf(",2,")))
                .containsExactly("'=1+1", "'+1", "'-2", "'@SUM(A1)", "ok", "a=b");
        StringWriter jsonl = new StringWriter();
        PredictionWriter.writeJsonl(jsonl, rows("=1+1", "@x"));
        assertThat(jsonl.toString())
                .contains("\"id\":\"=1+1\"", "\"id\":\"@x\"")
                .doesNotContain("'=");
    }

    @Test
    void anUnknownFormatIsNamedInPlainWords() {
        assertThat(PredictionWriter.formatFor(Path.of("x.csv"), "JSONL")).isEqualTo(PredictionWriter.Format.JSONL);
        assertThatThrownBy(() -> PredictionWriter.formatFor(Path.of("x.csv"), "xml"))
                .hasMessage("unknown format 'xml': use csv or jsonl");
    }
}
