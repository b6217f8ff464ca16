package org.framescope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.framescope.TestSchemes;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.text.Segmenter;
import org.framescope.util.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** Bad CSVs and the one-line error each gets: file, row and (where there is one) column, then the reason. */
    static Stream<Arguments> badCsvs() {
        String h = "id,text,frames,stance\n";
        return Stream.of(
                Arguments.of(
                        "missing column",
                        "id,text,frames\n1,hello,a\n",
                        "t.csv: row 1, column 'stance': missing column"),
                Arguments.of(
                        "unknown label",
                        h + "1,hello,a;zzz,none\n",
                        "t.csv: row 2, column 'frames': unknown label 'zzz' for task 'frames' (known: a, b, c)"),
                Arguments.of(
                        "empty text",
                        h + "1,fine text,a,none\n2,  ,a,none\n",
                        "t.csv: row 3, column 'text': empty text"),
                Arguments.of(
                        "empty single label", h + "1,fine text,a,\n", "t.csv: row 2, column 'stance': empty label"),
                Arguments.of(
                        "two single labels", h + "1,fine text,a,favor;against\n", "t.csv: row 2, column 'stance': "),
                Arguments.of(
                        "unterminated quote",
                        h + "1,fine text,a,none\n2,\"unterminated,a,none\n",
                        "t.csv: row 3: malformed CSV"),
                Arguments.of(
                        "extra field",
                        h + "1,fine text,a,none,extra\n",
                        "t.csv: row 2: row has 5 fields but the header has 4"),
                Arguments.of(
                        "text over the limit",
                        h + "1," + "x".repeat(5 * 1024 * 1024) + ",a,none\n",
                        "t.csv: row 2, column 'text': text is 5242880 characters, over the limit of 1000 (--max-chars)"),
                Arguments.of("empty file", "", "t.csv: empty file (expected a header row)"),
                Arguments.of("header only", h, "t.csv: no data rows"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsvs")
    void badInputGetsOneLineNamingFileRowAndColumn(String name, String csv, String expected) {
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void twoLabelsInASingleLabelCellAreCounted() {
        assertThatThrownBy(() -> read("id,text,frames,stance\n1,fine text,a,favor;against\n"))
                .hasMessageContaining("has 2 labels");
    }

    @Test
    void nonUtf8BytesAreRefused() {
        byte[] bytes = "id,text,frames,stance\n1,caf\u00e9,a,none\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> reader.read(CsvTable.parse("t.csv", bytes)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("t.csv: row 2: not valid UTF-8");
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
