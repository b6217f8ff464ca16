package org.framescope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.framescope.util.InputException;
import org.junit.jupiter.api.Test;

/** Regressions of issue #9 in the strict CSV reader. */
class CsvTableTest {

    static CsvTable parse(String csv) throws Exception {
        return CsvTable.parse("t.csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void leadingBlankLinesBeyondFourKilobytesDoNotMakeAValidFileEmpty() throws Exception {
        CsvTable t = parse("\n".repeat(5000) + "  \n".repeat(100) + "id,text\na,hello\n");
        assertThat(t.header()).containsExactly("id", "text");
        assertThat(t.rows()).hasSize(1);
        assertThat(t.rows().get(0).get("text")).isEqualTo("hello");
        assertThatThrownBy(() -> parse("\n".repeat(5000) + " \t\r\n"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("empty file");
    }

    @Test
    void aBadByteNamesTheRowItIsIn() throws Exception {
        for (int badRow : List.of(2, 3, 400, 500)) {
            StringBuilder sb = new StringBuilder("id,text\n");
            for (int r = 2; r <= 500; r++) {
                sb.append('a')
                        .append(r)
                        .append(",\"row ")
                        .append(r)
                        .append(r == badRow ? " \u0000BAD" : "")
                        .append(", a quoted text\nover two lines, long enough to fill a decoder buffer\"\n");
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    bytes[i] = (byte) 0xFF;
                }
            }
            assertThatThrownBy(() -> CsvTable.parse("t.csv", bytes))
                    .as("bad byte in row " + badRow)
                    .isInstanceOf(InputException.class)
                    .hasMessage("t.csv: row " + badRow + ": not valid UTF-8 (save the file as UTF-8)");
        }
        byte[] header = "id,te\u0000xt\na,b\n".getBytes(StandardCharsets.UTF_8);
        header[5] = (byte) 0xC3;
        assertThatThrownBy(() -> CsvTable.parse("t.csv", header))
                .hasMessageStartingWith("t.csv: row 1: not valid UTF-8");
    }

    @Test
    void headerProblemsAreOurOneLineMessages() {
        assertThatThrownBy(() -> parse("id,text,id\n1,a,2\n"))
                .isInstanceOf(InputException.class)
                .hasMessage("t.csv: row 1, column 'id': the header names this column twice (columns 1 and 3)");
        assertThatThrownBy(() -> parse("id,,text\n1,a,2\n"))
                .isInstanceOf(InputException.class)
                .hasMessage("t.csv: row 1: header column 2 has no name");
    }

    @Test
    void rowsKeepTheirSpreadsheetNumbersAndTheBomIsSkipped() throws Exception {
        byte[] b = ("\uFEFFid,text\n\na,\"x\ny\"\nb,z\n").getBytes(StandardCharsets.UTF_8);
        CsvTable t = CsvTable.parse("t.csv", b);
        assertThat(t.header()).containsExactly("id", "text");
        assertThat(t.rows()).extracting(CsvTable.Row::row).containsExactly(2L, 3L);
        assertThatThrownBy(() -> parse("id,text\na,b\nc\n")).hasMessageStartingWith("t.csv: row 3: row has 1 fields");
    }

    /** Found by fuzzing: a file of one U+001D (blank to Java, not to the byte check) left the header null. */
    @org.junit.jupiter.api.Test
    void aFileOfOnlyBlankControlCharactersIsEmpty() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvTable.parse("gs.csv", new byte[] {0x1d}))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("gs.csv")
                .hasMessageContaining("empty file");
    }
}
