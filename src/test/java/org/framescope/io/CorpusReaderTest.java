package org.framescope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.framescope.TestSchemes;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.text.Segmenter;
import org.framescope.util.InputException;
import org.junit.jupiter.api.Test;

class CorpusReaderTest {

    private final CorpusReader reader =
            new CorpusReader(TestSchemes.tiny(), CsvColumns.defaults(), Segmenter.defaults(), 1000);

    private Corpus read(String csv) throws Exception {
        return reader.read(CsvTable.parse("t.csv", csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void groupsParagraphRowsIntoArticlesAndDerivesArticleLabels() throws Exception {
        Corpus c = read("""
                id,article_id,paragraph,text,frames,stance,split
                x1,A,1,Second paragraph,b,against,train
                x0,A,0,Title of A,a;c,none,train
                y0,B,0,Only paragraph of B,,favor,dev
                """);
        assertThat(c.paragraphLevel()).isTrue();
        LabeledArticle a = c.articles().get(0);
        assertThat(a.paragraphs()).containsExactly("Title of A", "Second paragraph");
        assertThat(a.articleLabels().of("frames")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(a.articleLabels().of("stance")).containsExactly("against");
        assertThat(a.sourceRows()).containsExactly(3, 2);
        assertThat(c.split("dev")).hasSize(1);
    }

    @Test
    void articleRowsAreSegmented() throws Exception {
        Corpus c = read("id,text,frames,stance\nart1,\"Title\n\nFirst para.\n\nShow More\n\nSecond para.\",a,none\n");
        assertThat(c.paragraphLevel()).isFalse();
        assertThat(c.articles().get(0).paragraphs()).containsExactly("Title", "First para.", "Second para.");
        assertThat(c.articles().get(0).hasParagraphLabels()).isFalse();
    }

    @Test
    void derivedStanceOfABalancedArticleIsNeutral() throws Exception {
        Corpus c = read("article_id,paragraph,text,frames,stance\nA,0,t,,favor\nA,1,u,,against\n");
        assertThat(c.articles().get(0).articleLabels().of("stance")).containsExactly("none");
    }

    @Test
    void missingColumnNamesFileRowAndColumn() {
        assertThatThrownBy(() -> read("id,text,frames\n1,hello,a\n"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("t.csv: row 1, column 'stance': missing column");
    }

    @Test
    void unknownLabelNamesTheCell() {
        assertThatThrownBy(() -> read("id,text,frames,stance\n1,hello,a;zzz,none\n"))
                .isInstanceOf(InputException.class)
                .hasMessage("t.csv: row 2, column 'frames': unknown label 'zzz' for task 'frames' (known: a, b, c)");
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> read("id,text,frames,stance\n1,fine text,a,none\n2,  ,a,none\n"))
                .hasMessage("t.csv: row 3, column 'text': empty text");
    }

    @Test
    void singleLabelCellMustHoldOneLabel() {
        assertThatThrownBy(() -> read("id,text,frames,stance\n1,fine text,a,\n"))
                .hasMessageContaining("row 2, column 'stance': empty label");
        assertThatThrownBy(() -> read("id,text,frames,stance\n1,fine text,a,favor;against\n"))
                .hasMessageContaining("has 2 labels");
    }

    @Test
    void brokenQuotingIsReportedWithItsRow() {
        assertThatThrownBy(() -> read("id,text,frames,stance\n1,fine text,a,none\n2,\"unterminated,a,none\n"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("t.csv: row 3: malformed CSV");
        assertThatThrownBy(() -> read("id,text,frames,stance\n1,fine text,a,none,extra\n"))
                .hasMessageContaining("row 2: row has 5 fields but the header has 4");
    }

    @Test
    void nonUtf8BytesAreRefused() {
        byte[] bytes = "id,text,frames,stance\n1,caf\u00e9,a,none\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> reader.read(CsvTable.parse("t.csv", bytes)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("t.csv: row 2: not valid UTF-8");
    }

    @Test
    void oversizedTextAndEmptyFileAreRefused() {
        String huge = "x".repeat(5 * 1024 * 1024);
        assertThatThrownBy(() -> read("id,text,frames,stance\n1," + huge + ",a,none\n"))
                .hasMessage(
                        "t.csv: row 2, column 'text': text is 5242880 characters, over the limit of 1000 (--max-chars)");
        assertThatThrownBy(() -> read("")).hasMessage("t.csv: empty file (expected a header row)");
        assertThatThrownBy(() -> read("id,text,frames,stance\n")).hasMessage("t.csv: no data rows");
    }

    @Test
    void customColumnNames() throws Exception {
        CorpusReader r = new CorpusReader(
                TestSchemes.tiny(),
                CsvColumns.defaults().withText("body").withTaskColumns(Map.of("frames", "Frames")),
                Segmenter.defaults(),
                1000);
        Corpus c = r.read(
                CsvTable.parse("t.csv", "id,body,Frames,stance\n1,hello,b,none\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(c.articles().get(0).articleLabels().of("frames")).containsExactly("b");
    }
}
