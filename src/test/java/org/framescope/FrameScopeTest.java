package org.framescope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.framescope.result.ArticleResult;
import org.framescope.result.Evidence;
import org.framescope.result.TaskResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped model through the public API. */
class FrameScopeTest {

    static FrameScope fs;

    @BeforeAll
    static void load() {
        fs = FrameScope.load(Path.of(FrameScope.DEFAULT_MODEL_FILE));
    }

    @AfterAll
    static void close() {
        fs.close();
    }

    static String example(String name) throws Exception {
        return Files.readString(Path.of("data/examples", name));
    }

    /** The shipped fast model: the same scheme on the int8 encoder, found like the default one. */
    @Test
    void theFastModelIsShippedOnTheInt8EncoderAndAgreesOnAClearArticle() throws Exception {
        try (FrameScope fast = FrameScope.loadFast(FrameScope.Options.defaults())) {
            assertThat(fast.manifest().name()).isEqualTo("framescope-geo-v2-fast");
            assertThat(fast.manifest().features().encoder().id()).isEqualTo("bge-small-en-v15-q");
            assertThat(fast.scheme().tasks()).isEqualTo(fs.scheme().tasks());
            ArticleResult r = fast.classify("sahel", example("sahel-defence-pact.txt"));
            assertThat(r.tasks().get("frames").labels()).contains("security_cooperation");
            // int8 runs one window per call, so batch mates change no embedding: same text, same result.
            assertThat(fast.classify("sahel", example("sahel-defence-pact.txt")))
                    .isEqualTo(r);
            List<ArticleResult> batch = fast.classifyArticles(List.of(
                    new org.framescope.result.ArticleInput("other", example("mali-partenariat-fr.txt")),
                    new org.framescope.result.ArticleInput("sahel", example("sahel-defence-pact.txt"))));
            assertSameUpToRounding(batch.get(1), r);
        }
    }

    /** A model runs with the window it was trained with, whatever the built-in default is now. */
    @Test
    void aModelIsRunWithTheEncoderWindowItRecords(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        int shipped = fs.manifest().features().encoder().maxTokens();
        assertThat(fs.featurizer().encoder().spec().maxTokens()).isEqualTo(shipped);
        int other = shipped == 512 ? 256 : 512;
        Path edited = org.framescope.model.ManifestEdits.edit(
                Path.of(FrameScope.DEFAULT_MODEL_FILE),
                tmp.resolve("window.zip"),
                m -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                                m.path("features").path("encoder"))
                        .put("maxTokens", other));
        try (FrameScope w = FrameScope.load(edited)) {
            assertThat(w.featurizer().encoder().spec().maxTokens()).isEqualTo(other);
        }
    }

    @Test
    void classifiesAScrapedEnglishArticleWithEvidence() throws Exception {
        ArticleResult r = fs.classify("sahel", example("sahel-defence-pact.txt"));
        assertThat(r.language()).isEqualTo("en");
        assertThat(r.droppedLines()).isNotEmpty();
        assertThat(r.paragraphs())
                .noneMatch(p -> p.text().contains("Back to top") || p.text().startsWith("Share"));
        assertThat(r.tasks()).containsOnlyKeys("frames", "stance_west", "stance_russia");
        assertThat(r.tasks().get("frames").labels()).contains("security_cooperation");
        assertThat(r.tasks().get("stance_west").labels()).hasSize(1);
        for (Evidence e : r.evidence()) {
            assertThat(e.paragraphs())
                    .isNotEmpty()
                    .allMatch(i -> i >= 0 && i < r.paragraphs().size());
        }
        assertThat(r.evidence()).anyMatch(e -> e.label().equals("security_cooperation"));
        r.paragraphs()
                .forEach(p -> assertThat(p.tasks().get("frames").scores())
                        .hasSize(11)
                        .allSatisfy((k, v) -> assertThat(v).isBetween(0.0, 1.0)));
    }

    @Test
    void classifiesFrenchToo() throws Exception {
        ArticleResult r = fs.classify(example("mali-partenariat-fr.txt"));
        assertThat(r.language()).isEqualTo("fr");
        assertThat(r.paragraphs()).hasSizeGreaterThan(2);
    }

    @Test
    void sameInputSameOutputAndBatchEqualsSingle() throws Exception {
        String a = example("sahel-defence-pact.txt");
        String b = example("mali-partenariat-fr.txt");
        assertThat(fs.classify(a)).isEqualTo(fs.classify(a));
        assertThat(fs.classify(b)).isEqualTo(fs.classify(b));
        // A batch pads its articles to the longest one, so the matrix products run on other shapes and
        // float rounding may move a score by one unit in the 4th decimal: labels and evidence stay the same.
        List<ArticleResult> batch = fs.classifyAll(List.of(a, b));
        assertSameUpToRounding(batch.get(0), fs.classify(a));
        assertSameUpToRounding(batch.get(1), fs.classify(b));
    }

    private static void assertSameUpToRounding(ArticleResult x, ArticleResult y) {
        assertThat(x.language()).isEqualTo(y.language());
        assertThat(x.evidence().stream()
                        .map(e -> e.task() + ":" + e.label() + e.paragraphs())
                        .toList())
                .isEqualTo(y.evidence().stream()
                        .map(e -> e.task() + ":" + e.label() + e.paragraphs())
                        .toList());
        assertThat(x.paragraphs()).hasSameSizeAs(y.paragraphs());
        assertSameTasks(x.tasks(), y.tasks());
        for (int i = 0; i < x.paragraphs().size(); i++) {
            assertThat(x.paragraphs().get(i).text())
                    .isEqualTo(y.paragraphs().get(i).text());
            assertSameTasks(x.paragraphs().get(i).tasks(), y.paragraphs().get(i).tasks());
        }
    }

    private static void assertSameTasks(java.util.Map<String, TaskResult> x, java.util.Map<String, TaskResult> y) {
        assertThat(x.keySet()).isEqualTo(y.keySet());
        x.forEach((task, r) -> {
            assertThat(r.labels()).as(task).isEqualTo(y.get(task).labels());
            r.scores()
                    .forEach((label, v) -> assertThat(v)
                            .as(task + ":" + label)
                            .isCloseTo(y.get(task).scores().get(label), org.assertj.core.data.Offset.offset(2e-4)));
        });
    }

    @Test
    void isThreadSafe() throws Exception {
        List<String> texts = List.of(
                example("sahel-defence-pact.txt"),
                example("mali-partenariat-fr.txt"),
                "Talks on the border resumed in Addis Ababa.\n\nEnvoys from both capitals attended.");
        List<ArticleResult> expected = texts.stream().map(fs::classify).toList();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ArticleResult>> fut = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String t = texts.get(i % texts.size());
                fut.add(pool.submit(() -> fs.classify(t)));
            }
            for (int i = 0; i < fut.size(); i++) {
                assertThat(fut.get(i).get()).isEqualTo(expected.get(i % texts.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resultsAreImmutable() {
        ArticleResult r = fs.classify("One short paragraph about trade talks between the two governments.");
        assertThatThrownBy(() -> r.paragraphs().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.tasks().get("frames").labels().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesEmptyAndOversizedText() {
        assertThatThrownBy(() -> fs.classify("   ")).hasMessageContaining("empty text");
        assertThatThrownBy(() -> fs.classify("Show More\nBack to top button")).hasMessageContaining("no text left");
        assertThatThrownBy(() -> fs.classify("x".repeat(5 * 1024 * 1024))).hasMessageContaining("over the limit");
    }
}
