package org.framescope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.framescope.model.ModelBundle;
import org.framescope.result.ArticleInput;
import org.framescope.result.ArticleResult;
import org.framescope.server.TinyModel;
import org.framescope.text.Segmenter;
import org.framescope.util.InputException;
import org.junit.jupiter.api.Test;

/** Cancellation, closing and sharing of one bundle by several facades (issue 9). */
class FrameScopeLifecycleTest {

    private static List<ArticleInput> inputs(int n) {
        List<ArticleInput> in = new ArrayList<>();
        List<String> texts = TinyModel.texts(n, 3);
        for (int i = 0; i < n; i++) {
            in.add(new ArticleInput("a" + i, texts.get(i)));
        }
        return in;
    }

    @Test
    void aCancelledCallStopsBetweenBatchesWithCancellationException() {
        try (FrameScope fs = FrameScope.open(TinyModel.bundle(), FrameScope.Options.defaults(), null)) {
            AtomicInteger polls = new AtomicInteger();
            assertThatThrownBy(() -> fs.classifyArticles(inputs(3), () -> polls.incrementAndGet() > 0))
                    .isInstanceOf(CancellationException.class);
            assertThat(polls.get()).isEqualTo(1); // gave up at the first check, before the network pass
            // Not cancelled: the same answer as the plain call.
            assertThat(fs.classifyArticles(inputs(3), () -> false)).isEqualTo(fs.classifyArticles(inputs(3)));
        }
    }

    @Test
    void closeWaitsForTheCallsInFlightAndLaterCallsFail() throws Exception {
        FrameScope fs = FrameScope.open(TinyModel.bundle(), FrameScope.Options.defaults(), null);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<List<ArticleResult>> call =
                CompletableFuture.supplyAsync(() -> fs.classifyArticles(inputs(2), () -> {
                    inside.countDown();
                    try {
                        release.await(); // hold the call inside the library, as a slow encoder batch would
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return false;
                }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(fs::close);
        Thread.sleep(200); // give close() the chance to run ahead if it did not wait
        assertThat(closing).isNotDone();
        release.countDown();
        assertThat(call.get(10, TimeUnit.SECONDS)).hasSize(2);
        closing.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> fs.classifyArticles(inputs(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        fs.close(); // idempotent
    }

    @Test
    void twoFacadesOverOneBundleGiveTheSequentialResults() throws Exception {
        ModelBundle bundle = TinyModel.bundle();
        List<ArticleInput> in = inputs(6);
        try (FrameScope a = FrameScope.open(bundle, FrameScope.Options.defaults(), null);
                FrameScope b = FrameScope.open(bundle, FrameScope.Options.defaults(), null)) {
            List<ArticleResult> expected = a.classifyArticles(in);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<ArticleResult>>> runs = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    FrameScope f = i % 2 == 0 ? a : b;
                    // Different batch shapes, so unsynchronised passes would clobber each other's state.
                    List<ArticleInput> part = i % 3 == 0 ? in : in.subList(0, 1 + i % in.size());
                    runs.add(pool.submit(() -> f.classifyArticles(part)));
                }
                for (int i = 0; i < runs.size(); i++) {
                    List<ArticleResult> got = runs.get(i).get(60, TimeUnit.SECONDS);
                    assertThat(got).isEqualTo(expected.subList(0, got.size()));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void paragraphInputOverTheCapIsRefusedAndSegmentedTextIsMergedUnderIt() {
        try (FrameScope fs = FrameScope.open(TinyModel.bundle(), FrameScope.Options.defaults(), null)) {
            List<String> many = Collections.nCopies(Segmenter.MAX_PARAGRAPHS + 1, "One short paragraph of text.");
            assertThatThrownBy(() -> fs.classifyParagraphs("p", many, "en"))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("1001 paragraphs, over the limit of 1000 per article");
            // 40,000 one-word lines: merged into at most the cap, and classified.
            String lines = String.join("\n", Collections.nCopies(40_000, "word"));
            ArticleResult r = fs.classify("lines", lines);
            assertThat(r.paragraphs())
                    .hasSizeLessThanOrEqualTo(Segmenter.MAX_PARAGRAPHS)
                    .hasSizeGreaterThan(Segmenter.MAX_PARAGRAPHS / 2);
        }
    }
}
