package org.framescope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.framescope.util.InputException;
import org.junit.jupiter.api.Test;

class ParagraphRowsTest {
    private static CsvTable table(String csv) throws Exception {
        return CsvTable.parse("t.csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void groupsByArticleInParagraphOrderAndReportsBadRowsWithoutDroppingTheRest() throws Exception {
        CsvTable t = table("""
                article_id,paragraph,text
                b,2,b two
                a,1,a one
                b,0,b zero
                ,3,no id
                a,x,not a number
                a,1,a one again
                a,0,a zero
                """);
        List<ParagraphRows.BadRow> bad = new ArrayList<>();
        List<ParagraphRows.Group> groups = ParagraphRows.group(t.rows(), "article_id", "paragraph", bad::add);

        assertThat(groups).extracting(ParagraphRows.Group::articleId).containsExactly("b", "a");
        assertThat(groups.get(0).paragraphs()).containsExactly(0, 2);
        assertThat(groups.get(0).rows()).extracting(r -> r.get("text")).containsExactly("b zero", "b two");
        assertThat(groups.get(1).rows()).extracting(r -> r.get("text")).containsExactly("a zero", "a one");
        assertThat(bad).extracting(b -> b.row().row()).containsExactly(5L, 6L, 7L);
        assertThat(bad)
                .extracting(ParagraphRows.BadRow::message)
                .containsExactly(
                        "empty article id",
                        "not a paragraph number: 'x'",
                        "article 'a' already has paragraph 1 (row 3)");
        assertThat(bad).extracting(ParagraphRows.BadRow::paragraph).containsExactly(-1, -1, 1);
    }

    @Test
    void aThrowingHandlerStopsAtTheFirstBadRowWithFileRowAndColumn() throws Exception {
        CsvTable t = table("article_id,paragraph,text\na,0,x\na,zero,y\n,1,z\n");
        assertThatThrownBy(() -> ParagraphRows.group(t.rows(), "article_id", "paragraph", b -> {
                    throw b.toException(t.file());
                }))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("t.csv")
                .hasMessageContaining("row 3")
                .hasMessageContaining("paragraph")
                .hasMessageContaining("not a paragraph number: 'zero'");
    }
}
