package org.framescope.cli;

import org.framescope.ArticleResult;
import org.framescope.FrameScope;
import org.framescope.encode.CachingEncoder;
import org.framescope.encode.EncoderSpec;
import org.framescope.encode.FeatureBlocks;
import org.framescope.encode.OnnxSentenceEncoder;
import org.framescope.encode.SentenceEncoder;
import org.framescope.eval.Evaluation;
import org.framescope.io.Corpus;
import org.framescope.io.CorpusReader;
import org.framescope.model.LabelScheme;
import org.framescope.model.LabeledArticle;
import org.framescope.train.TrainConfig;
import org.framescope.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code framescope bench}: speed, memory and feature ablations in one run, printed as Markdown
 * for the README. A benchmark, not a test: numbers depend on the machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark on a labelled CSV: encoder-only vs whole-path paragraphs/s on the same texts, model load time,",
                "peak memory, and dev macro-F1 of three feature ablations (embeddings only, lexical only, both) plus the linear baseline."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "CSV", description = "Labelled data with a split column.")
    String data;

    @Option(names = "--split", defaultValue = "test", description = "Split whose texts are timed (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--repeat", defaultValue = "2", description = "Timed passes over the texts; the best pass counts (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--no-ablations", description = "Skip the training ablations.")
    boolean noAblations;

    @Option(names = "--scheme", paramLabel = "JSON", description = "Scheme for the ablations (default: scheme.json beside the data).")
    Path scheme;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        FrameScope fs = modelOptions.load(false);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        Corpus corpus = new CorpusReader(fs.scheme(), org.framescope.io.CsvColumns.defaults(), fs.segmenter(), modelOptions.maxChars).read(data);
        List<LabeledArticle> articles = corpus.split(split);
        if (articles.isEmpty()) {
            throw new IllegalArgumentException(corpus.file() + ": no articles in split '" + split + "'");
        }
        int paragraphs = articles.stream().mapToInt(a -> a.paragraphs().size()).sum();
        SentenceEncoder enc = fs.featurizer().encoder();
        // Warm-up: JIT, ORT arenas, ND4J kernels.
        fs.classifyParagraphs("warmup", articles.get(0).paragraphs(), null);
        double encoderRate = 0, pathRate = 0;
        for (int r = 0; r < repeat; r++) {
            if (enc != null) {
                long s = System.nanoTime();
                for (LabeledArticle a : articles) {
                    enc.embed(a.paragraphs());
                }
                encoderRate = Math.max(encoderRate, paragraphs / ((System.nanoTime() - s) / 1e9));
            }
            long s = System.nanoTime();
            for (LabeledArticle a : articles) {
                ArticleResult res = fs.classifyParagraphs(a.id(), a.paragraphs(), a.lang());
                if (res.paragraphs().size() != a.paragraphs().size()) {
                    throw new IllegalStateException("paragraph count mismatch");
                }
            }
            pathRate = Math.max(pathRate, paragraphs / ((System.nanoTime() - s) / 1e9));
        }
        long peakRss = peakRssKb();
        String encId = fs.manifest().features().encoder() == null ? "none" : fs.manifest().features().encoder().id();
        fs.close();

        var out = System.out;
        out.printf(Locale.ROOT, "Machine: %d cores, Java %s, %s; model %s (encoder %s, threads %s)%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.arch"),
                fs.manifest().name(), encId, modelOptions.threads == 0 ? "all" : String.valueOf(modelOptions.threads));
        out.println("| measure | value |");
        out.println("|---|---|");
        out.printf(Locale.ROOT, "| texts timed | %d paragraphs in %d articles (%s split) |%n", paragraphs, articles.size(), split);
        if (enc != null) {
            out.printf(Locale.ROOT, "| encoder alone | %.1f paragraphs/s |%n", encoderRate);
        }
        out.printf(Locale.ROOT, "| whole classify path | %.1f paragraphs/s%s |%n", pathRate,
                enc != null ? String.format(Locale.ROOT, " (%.0f%% of encoder alone)", 100 * pathRate / encoderRate) : "");
        out.printf(Locale.ROOT, "| model load time | %.2f s |%n", loadSeconds);
        out.printf(Locale.ROOT, "| peak memory (RSS) | %d MB |%n", peakRss / 1024);
        out.println();
        if (!noAblations) {
            ablations(corpus, out);
        }
        return Main.OK;
    }

    private void ablations(Corpus modelCorpus, java.io.PrintStream out) throws Exception {
        LabelScheme ls = SchemeFiles.read(scheme, data);
        Corpus corpus = new CorpusReader(ls, org.framescope.io.CsvColumns.defaults(), org.framescope.text.Segmenter.defaults(), modelOptions.maxChars).read(data);
        TrainConfig base = TrainConfig.defaults();
        List<List<LabeledArticle>> td = Trainer.trainDev(corpus, base.devFraction(), base.seed());
        out.println("| features | network | dev macro-F1 paragraph (mean of tasks) | dev macro-F1 article | dev frames macro-F1 (paragraph) | train s |");
        out.println("|---|---|---|---|---|---|");
        try (SentenceEncoder enc = CachingEncoder.inDefaultLocation(OnnxSentenceEncoder.open(EncoderSpec.builtIn(EncoderSpec.DEFAULT_ID).orElseThrow(), modelOptions.threads))) {
            record Run(FeatureBlocks blocks, List<Integer> hidden) {
            }
            List<Run> runs = new ArrayList<>(List.of(new Run(FeatureBlocks.EMBEDDINGS, base.hiddenCandidates()),
                    new Run(FeatureBlocks.LEXICAL, base.hiddenCandidates()), new Run(FeatureBlocks.BOTH, base.hiddenCandidates()),
                    new Run(FeatureBlocks.BOTH, List.of(0))));
            for (Run run : runs) {
                long s = System.nanoTime();
                TrainConfig cfg = base.withBlocks(run.blocks()).withHidden(run.hidden()).withName("ablation-" + run.blocks().wireName());
                Trainer.Result r = new Trainer(cfg).train(ls, corpus, td.get(0), td.get(1), run.blocks().embeddings() ? enc : null);
                Evaluation e = r.dev();
                double frames = e.paragraph().isEmpty() ? Double.NaN : e.paragraph().get(0).macro().f1();
                out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.1f |%n", run.blocks().wireName(),
                        run.hidden().equals(List.of(0)) ? "linear (hidden 0)" : "best of hidden " + run.hidden() + " → " + r.bundle().manifest().network().hidden(),
                        e.meanMacroF1("paragraph").orElse(Double.NaN), e.meanMacroF1("article").orElse(Double.NaN), frames,
                        (System.nanoTime() - s) / 1e9);
            }
        }
    }

    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (Exception e) {
            // not Linux: fall through
        }
        return Runtime.getRuntime().totalMemory() / 1024;
    }
}
