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

    /**
     * A stalled call (a slow second on a shared machine) must not count: each item's best time does. Every
     * pass here has one stall, so the best whole pass would still hold 200 ms.
     */
    @Test
    void pairedBestSumsEachItemsBestTimeSoStallsDoNotCount() {
        int[] calls = new int[2];
        Runnable fast = () -> spin(2_000_000);
        // Call 1 of each is the warm-up; item 0 stalls in passes 1 and 3, item 1 in pass 2.
        Runnable first = () -> spin(++calls[0] % 2 == 0 ? 200_000_000 : 4_000_000);
        Runnable second = () -> spin(++calls[1] == 3 ? 200_000_000 : 2_000_000);
        double[] s = SpeedBench.pairedBest(List.of(fast, fast), List.of(first, second), 3);
        assertThat(calls).containsExactly(4, 4);
        assertThat(s[0]).isBetween(0.004, 0.1);
        assertThat(s[1]).isBetween(0.006, 0.1).isGreaterThan(s[0]);
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
