package org.framescope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.framescope.FrameScope;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.EncoderSpec;
import org.framescope.encode.OnnxSentenceEncoder;
import org.framescope.result.ArticleInput;

/**
 * The speed part of {@code bench}: what users run, on the same texts in one run. Short paragraphs
 * (a corpus split, paragraph by paragraph) and long scraped-style pages (the corpus's held-out
 * articles, each flattened to one line, lines joined until a page holds about
 * {@value #PAGE_CHARS} characters: one-newline pages of long paragraphs, as scrapers produce), each
 * through the encoder alone and through the whole classify path, with the fp32 and int8 encoders.
 * Rates are in paragraphs, articles and tokens per second; machines differ by 3x, so only ratios
 * within one run compare.
 */
public final class SpeedBench {

    static final int PAGE_CHARS = 6000;
    private static final Set<String> FLAGS =
            Set.of("avx", "avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "amx_tile");

    private SpeedBench() {}

    /** The CPU model and the instruction-set flags that matter to ONNX Runtime's kernels (also in the Spark benchmark's header). */
    public static String machine() {
        String model = "unknown CPU";
        List<String> flags = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.equals("unknown CPU")) {
                    model = line.substring(line.indexOf(':') + 1).strip();
                }
                if (line.startsWith("flags") && flags.isEmpty()) {
                    for (String f :
                            line.substring(line.indexOf(':') + 1).strip().split(" ")) {
                        if (FLAGS.contains(f)) {
                            flags.add(f);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // not Linux: the model stays unknown
        }
        flags.sort(null);
        return String.format(
                Locale.ROOT,
                "%s, %d cores, flags %s%s",
                model,
                Runtime.getRuntime().availableProcessors(),
                flags.isEmpty() ? "n/a" : String.join(" ", flags),
                flags.contains("avx512f") ? "" : " (no AVX-512)");
    }

    /** A timed set: texts as the encoder sees them, grouped in the articles the whole path classifies. */
    record TextSet(String name, List<List<String>> paragraphs, List<String> rawPages) {
        int paragraphCount() {
            return paragraphs.stream().mapToInt(List::size).sum();
        }

        int articles() {
            return paragraphs.size();
        }
    }

    /** One row of the table: a set through one encoder, alone and (when the model uses it) the whole path. */
    record Row(TextSet set, String encoder, long tokens, double encoderSeconds, double pathSeconds) {
        double tokensPerSecond() {
            return tokens / encoderSeconds;
        }
    }

    /** Long one-newline pages from held-out articles: each article on one line, about {@value #PAGE_CHARS} characters a page. */
    static TextSet longPages(FrameScope fs, List<LabeledArticle> articles, int pages) {
        List<String> raw = new ArrayList<>();
        StringBuilder page = new StringBuilder();
        for (LabeledArticle a : articles) {
            if (raw.size() >= pages) {
                break;
            }
            page.append(String.join(" ", a.paragraphs()).replace('\n', ' ')).append('\n');
            if (page.length() >= PAGE_CHARS) {
                raw.add(page.toString());
                page.setLength(0);
            }
        }
        List<List<String>> paras =
                raw.stream().map(p -> fs.segmenter().segment(p).texts()).toList();
        return new TextSet(
                String.format(
                        Locale.ROOT,
                        "long: %d pages of about %,d characters (one line per article)",
                        raw.size(),
                        PAGE_CHARS),
                paras,
                raw);
    }

    static TextSet shortParagraphs(String split, List<LabeledArticle> articles) {
        return new TextSet(
                String.format(Locale.ROOT, "short: %s split paragraph by paragraph", split),
                articles.stream().map(LabeledArticle::paragraphs).toList(),
                null);
    }

    /** Tokens the encoder reads for these texts (windows beyond the cap are not read). */
    static long tokens(OnnxSentenceEncoder enc, TextSet set) {
        long n = 0;
        int cap = enc.spec().maxWindows() * (enc.spec().maxTokens() - 2);
        for (List<String> a : set.paragraphs()) {
            for (String p : a) {
                n += Math.min(cap, enc.tokenCount(p));
            }
        }
        return n;
    }

    /** Best of {@code repeat} timed passes after one warm-up pass. */
    static double best(int repeat, Runnable pass) {
        pass.run();
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeat; r++) {
            long s = System.nanoTime();
            pass.run();
            best = Math.min(best, (System.nanoTime() - s) / 1e9);
        }
        return best;
    }

    static Row encoderOnly(TextSet set, OnnxSentenceEncoder enc, int repeat) {
        double seconds = best(repeat, () -> set.paragraphs().forEach(enc::embed));
        return new Row(set, enc.spec().id(), tokens(enc, set), seconds, Double.NaN);
    }

    /**
     * The model's own encoder alone and the whole classify path (raw pages through the segmenter; short sets as ready
     * paragraphs), article by article in turn: each article's embedding calls are timed next to its whole-path call,
     * the order alternating, so both see the same machine state even where a shared machine's speed drifts from
     * second to second (pass-by-pass alternation left the ratio 15 points apart between runs on a machine with CPU
     * steal). Each article's best time of each over the passes counts, so one stalled call does not weigh on a whole
     * pass. The model must be loaded without the embedding cache, so its encoder is the bare ONNX one.
     */
    static Row both(TextSet set, FrameScope fs, int repeat) {
        if (!(fs.featurizer().encoder() instanceof OnnxSentenceEncoder own)) {
            throw new IllegalStateException("bench times the bare ONNX encoder: load the model without the cache");
        }
        int n = set.articles();
        List<Runnable> alone = new ArrayList<>(n);
        List<Runnable> path = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> paragraphs = set.paragraphs().get(i);
            alone.add(() -> own.embed(paragraphs));
            if (set.rawPages() != null) {
                List<ArticleInput> page =
                        List.of(new ArticleInput(null, set.rawPages().get(i)));
                path.add(() -> fs.classifyArticles(page));
            } else {
                path.add(() -> fs.classifyParagraphs(null, paragraphs, null));
            }
        }
        double[] seconds = pairedBest(alone, path, repeat);
        return new Row(set, own.spec().id(), tokens(own, set), seconds[0], seconds[1]);
    }

    /**
     * Times {@code a.get(i)} and {@code b.get(i)} next to each other for each i, the order alternating, over
     * {@code repeat} passes after an untimed one, and sums each side's best time per item.
     *
     * @return {seconds of a, seconds of b}
     */
    static double[] pairedBest(List<Runnable> a, List<Runnable> b, int repeat) {
        int n = a.size();
        a.forEach(Runnable::run);
        b.forEach(Runnable::run);
        double[] bestA = new double[n], bestB = new double[n];
        Arrays.fill(bestA, Double.MAX_VALUE);
        Arrays.fill(bestB, Double.MAX_VALUE);
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < n; i++) {
                boolean aFirst = (r + i) % 2 == 0;
                long t0 = System.nanoTime();
                (aFirst ? a : b).get(i).run();
                long t1 = System.nanoTime();
                (aFirst ? b : a).get(i).run();
                long t2 = System.nanoTime();
                bestA[i] = Math.min(bestA[i], (aFirst ? t1 - t0 : t2 - t1) / 1e9);
                bestB[i] = Math.min(bestB[i], (aFirst ? t2 - t1 : t1 - t0) / 1e9);
            }
        }
        return new double[] {Arrays.stream(bestA).sum(), Arrays.stream(bestB).sum()};
    }

    /** A built-in encoder with the window of {@code model}, so encoder alone reads what the whole path reads. */
    static OnnxSentenceEncoder open(FrameScope model, String id, int threads) throws IOException {
        return OnnxSentenceEncoder.open(
                EncoderSpec.builtIn(id)
                        .orElseThrow()
                        .withWindow(model.manifest().features().encoder().maxTokens()),
                threads);
    }

    static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append(
                "| texts | encoder | paragraphs, tokens | encoder alone | whole classify path |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            int p = r.set().paragraphCount();
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,d, %,d | %.1f paragraphs/s, %,.0f tokens/s | %s |%n",
                    r.set().name(),
                    r.encoder(),
                    p,
                    r.tokens(),
                    p / r.encoderSeconds(),
                    r.tokensPerSecond(),
                    Double.isNaN(r.pathSeconds())
                            ? "n/a (the model reads the other encoder)"
                            : String.format(
                                    Locale.ROOT,
                                    "%.1f paragraphs/s, %.2f articles/s, %,.0f tokens/s (%.0f%% of encoder alone)",
                                    p / r.pathSeconds(),
                                    r.set().articles() / r.pathSeconds(),
                                    r.tokens() / r.pathSeconds(),
                                    100 * r.encoderSeconds() / r.pathSeconds())));
        }
        return b.toString();
    }

    /** Ratios that need no second machine: long vs short tokens/s per encoder, int8 vs fp32 per set. */
    static String ratios(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        for (Row l : rows) {
            if (!l.set().name().startsWith("long")) {
                continue;
            }
            rows.stream()
                    .filter(s ->
                            s.set().name().startsWith("short") && s.encoder().equals(l.encoder()))
                    .findFirst()
                    .ifPresent(s -> b.append(String.format(
                            Locale.ROOT,
                            "- %s: long pages read at %.0f%% of the tokens/s of short paragraphs%n",
                            l.encoder(),
                            100 * l.tokensPerSecond() / s.tokensPerSecond())));
        }
        for (Row q : rows) {
            if (!q.encoder().endsWith("-q")) {
                continue;
            }
            rows.stream()
                    .filter(f -> f.set() == q.set() && !f.encoder().endsWith("-q"))
                    .findFirst()
                    .ifPresent(f -> b.append(String.format(
                            Locale.ROOT,
                            "- %s: int8 encoder at %.2fx the fp32 encoder's tokens/s%s%n",
                            q.set().name().substring(0, q.set().name().indexOf(':')),
                            q.tokensPerSecond() / f.tokensPerSecond(),
                            Double.isNaN(q.pathSeconds()) || Double.isNaN(f.pathSeconds())
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            "; int8 whole path at %.2fx the fp32 whole path",
                                            f.pathSeconds() / q.pathSeconds()))));
        }
        return b.toString();
    }
}
