package org.framescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.framescope.FrameScope;
import org.framescope.data.LabeledArticle;
import org.framescope.server.TinyModel;
import org.framescope.train.SyntheticData;
import org.junit.jupiter.api.Test;

/** The bench's long pages are built as scrapers flatten articles: one line per article, about 6,000 characters a page. */
class SpeedBenchTest {

    @Test
    void longPagesHoldOneArticlePerLineAndSegmentBackIntoThoseLines() {
        List<LabeledArticle> arts = SyntheticData.articles(80, 6, 5).stream()
                .map(a -> new LabeledArticle(a.id(), "en", "test", a.paragraphs(), null, null, List.of(1)))
                .toList();
        try (FrameScope fs = FrameScope.open(TinyModel.bundle(), FrameScope.Options.defaults(), null)) {
            SpeedBench.TextSet set = SpeedBench.longPages(fs, arts, 3);
            assertThat(set.rawPages())
                    .hasSize(3)
                    .allSatisfy(
                            p -> assertThat(p.length()).isBetween(SpeedBench.PAGE_CHARS, 2 * SpeedBench.PAGE_CHARS));
            assertThat(set.rawPages().get(0)).doesNotContain("\n\n");
            // One paragraph per line, each a whole article's text.
            String first = set.rawPages().get(0);
            assertThat(set.paragraphs().get(0)).hasSize((int) first.lines().count());
            assertThat(set.paragraphs().get(0).get(1))
                    .isEqualTo(String.join(" ", arts.get(1).paragraphs()));
            assertThat(set.articles()).isEqualTo(3);
        }
        assertThat(SpeedBench.machine()).contains("cores, flags");
    }
}
