package org.framescope.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.framescope.FrameScope;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.EncoderSpec;
import org.framescope.encode.Encoders;
import org.framescope.encode.FeatureBlocks;
import org.framescope.encode.SentenceEncoder;
import org.framescope.eval.Evaluation;
import org.framescope.eval.OutOfScope;
import org.framescope.io.CorpusReader;
import org.framescope.io.CsvTable;
import org.framescope.model.LabelScheme;
import org.framescope.model.Level;
import org.framescope.result.ArticleResult;
import org.framescope.train.TrainConfig;
import org.framescope.train.Trainer;
import org.framescope.util.ProcStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code framescope bench}: speed, memory and feature ablations in one run, printed as Markdown
 * for the README. A benchmark, not a test: numbers depend on the machine.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark on a labelled CSV: encoder-only vs whole-path paragraphs/s on the same texts, model load time,",
            "peak memory, out-of-scope label rates (--out-of-scope, and the data's own out-of-scope articles), and dev",
            "macro-F1 of feature ablations, the v1 recipe and the linear article baseline."
        })
final class BenchCommand implements Callable<Integer> {

    @Option(
            names = {"-d", "--data"},
            required = true,
            paramLabel = "CSV",
            description = "Labelled data with a split column.")
    String data;

    @Option(
            names = "--split",
            defaultValue = "test",
            description = "Split whose texts are timed (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--repeat",
            defaultValue = "3",
            description =
                    "Timed passes over the texts after one untimed warm-up pass; the best pass counts (in the speed table, each article's best time; default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--no-ablations", description = "Skip the training ablations.")
    boolean noAblations;

    @Option(
            names = "--scheme",
            paramLabel = "JSON",
            description = "Scheme for the ablations (default: scheme.json beside the data).")
    Path scheme;

    @Option(
            names = "--out-of-scope",
            paramLabel = "CSV",
            description = {
                "A CSV of texts where no label applies (one article per row, column --oos-text-column):",
                "report the share of texts that get each label. Repeatable."
            })
    List<Path> outOfScope = new ArrayList<>();

    @Option(
            names = "--oos-text-column",
            defaultValue = "text",
            description = "Text column of the --out-of-scope files (default: ${DEFAULT-VALUE}).")
    String oosTextColumn;

    @Option(
            names = "--oos-split",
            defaultValue = "test2",
            description =
                    "When the data has a scope column, also report the out-of-scope articles of this split (default: ${DEFAULT-VALUE}).")
    String oosSplit;

    @Option(
            converter = NumericOptions.NonNegative.class,
            names = "--explain-articles",
            paramLabel = "N",
            defaultValue = "10",
            description =
                    "Articles of 8 to 12 paragraphs timed with and without explanations, interleaved (0 skips it; default: ${DEFAULT-VALUE}).")
    int explainArticles;

    @Option(
            converter = NumericOptions.NonNegative.class,
            names = "--long-pages",
            paramLabel = "N",
            defaultValue = "20",
            description =
                    "Long one-newline pages (held-out articles flattened to a line each, about 6,000 characters a page) timed like the short paragraphs, with the fp32 and int8 encoders (0 skips them; default: ${DEFAULT-VALUE}).")
    int longPages;

    @Option(
            names = "--fast-model",
            paramLabel = "MODEL",
            description =
                    "A second model, typically the int8 one (models/framescope-geo-v2-fast.zip), timed on the same short and long texts, encoder alone and whole path, so the two compare in one run; without it the int8 encoder is timed alone.")
    Path fastModel;

    @Mixin
    ModelOptions modelOptions;

    /** Seconds per article, plain and explained, over the same articles in one run. */
    record ExplainCost(int articles, double paragraphsPerArticle, double plainSeconds, double explainSeconds) {
        double ratio() {
            return explainSeconds / plainSeconds;
        }
    }

    /**
     * The short split and long pages through each model's encoder, alone and on the whole path; without a fast model,
     * the int8 encoder alone (with the model's window) beside the model's own.
     */
    private List<SpeedBench.Row> speed(FrameScope fs, Corpus corpus, List<LabeledArticle> shortArticles)
            throws java.io.IOException {
        List<LabeledArticle> heldOut = new ArrayList<>(corpus.split("test2"));
        heldOut.addAll(corpus.split("test"));
        SpeedBench.TextSet shortSet = SpeedBench.shortParagraphs(split, shortArticles);
        SpeedBench.TextSet longSet = SpeedBench.longPages(fs, heldOut, longPages);
        List<SpeedBench.Row> rows = new ArrayList<>();
        FrameScope fast = fastModel == null ? null : modelOptions.load(fastModel, false);
        try {
            for (FrameScope m : fast == null ? List.of(fs) : List.of(fs, fast)) {
                for (SpeedBench.TextSet set : List.of(shortSet, longSet)) {
                    rows.add(SpeedBench.both(set, m, repeat));
                }
            }
            if (fast == null) {
                String other = fs.manifest().features().encoder().id().endsWith("-q")
                        ? EncoderSpec.DEFAULT_ID
                        : "bge-small-en-v15-q";
                try (org.framescope.encode.OnnxSentenceEncoder e = SpeedBench.open(fs, other, modelOptions.threads)) {
                    for (SpeedBench.TextSet set : List.of(shortSet, longSet)) {
                        rows.add(SpeedBench.encoderOnly(set, e, repeat));
                    }
                }
            }
        } finally {
            if (fast != null) {
                fast.close();
            }
        }
        return rows;
    }

    /** Plain vs explained classification of the same ~10-paragraph articles, each pair back to back (same machine state). */
    private ExplainCost explainCost(FrameScope fs, List<LabeledArticle> articles) {
        List<LabeledArticle> tenish = articles.stream()
                .filter(a -> a.paragraphs().size() >= 8 && a.paragraphs().size() <= 12)
                .limit(explainArticles)
                .toList();
        if (tenish.isEmpty()) {
            return null;
        }
        double plain = 0, explained = 0;
        for (LabeledArticle a : tenish) {
            fs.explainParagraphs(a.id(), a.paragraphs(), a.lang()); // warm-up of this article's shapes
            long s = System.nanoTime();
            fs.classifyParagraphs(a.id(), a.paragraphs(), a.lang());
            plain += (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            fs.explainParagraphs(a.id(), a.paragraphs(), a.lang());
            explained += (System.nanoTime() - s) / 1e9;
        }
        return new ExplainCost(
                tenish.size(),
                tenish.stream().mapToInt(a -> a.paragraphs().size()).average().orElse(0),
                plain / tenish.size(),
                explained / tenish.size());
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        FrameScope fs = modelOptions.load(false);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        Corpus corpus = new CorpusReader(
                        fs.scheme(), org.framescope.io.CsvColumns.defaults(), fs.segmenter(), modelOptions.maxChars)
                .read(data);
        List<LabeledArticle> articles = corpus.split(split);
        if (articles.isEmpty()) {
            throw new IllegalArgumentException(corpus.file() + ": no articles in split '" + split + "'");
        }
        int paragraphs = articles.stream().mapToInt(a -> a.paragraphs().size()).sum();
        SentenceEncoder enc = fs.featurizer().encoder();
        // Warm-up pass over every text (JIT, ONNX Runtime arenas, ND4J kernels): steady state is timed.
        for (LabeledArticle a : articles) {
            fs.classifyParagraphs(a.id(), a.paragraphs(), a.lang());
        }
        double encoderRate = 0, pathRate = 0;
        // With the speed table (short and long texts, both paths pass for pass) this older measure of the
        // same short texts would only print a second, noisier answer to the same question.
        boolean speedTable = longPages > 0 && enc != null;
        for (int r = 0; !speedTable && r < repeat; r++) {
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
        List<SpeedBench.Row> speed = speedTable ? speed(fs, corpus, articles) : List.of();
        ExplainCost explainCost = explainArticles > 0 ? explainCost(fs, articles) : null;
        List<OutOfScope> scopeChecks = outOfScopeChecks(fs, corpus);
        long peakRss = ProcStatus.kb("VmHWM:");
        org.framescope.model.EncoderIdentity encoderId =
                fs.manifest().features().encoder();
        int window = encoderId == null ? 0 : encoderId.maxTokens();
        String encId = encoderId == null ? "none" : encoderId.id();
        fs.close();

        var out = System.out;
        out.printf(
                Locale.ROOT,
                "Machine: %s; Java %s, %s; model %s (encoder %s, threads %s)%n%n",
                SpeedBench.machine(),
                System.getProperty("java.version"),
                System.getProperty("os.arch"),
                fs.manifest().name(),
                encId,
                modelOptions.threads == 0 ? "all" : String.valueOf(modelOptions.threads));
        out.println("| measure | value |");
        out.println("|---|---|");
        out.printf(
                Locale.ROOT,
                "| texts timed | %d paragraphs in %d articles (%s split) |%n",
                paragraphs,
                articles.size(),
                split);
        if (!speedTable) {
            if (enc != null) {
                out.printf(Locale.ROOT, "| encoder alone | %.1f paragraphs/s |%n", encoderRate);
            }
            out.printf(
                    Locale.ROOT,
                    "| whole classify path | %.1f paragraphs/s%s |%n",
                    pathRate,
                    enc != null
                            ? String.format(Locale.ROOT, " (%.0f%% of encoder alone)", 100 * pathRate / encoderRate)
                            : "");
        }
        if (explainCost != null) {
            out.printf(
                    Locale.ROOT,
                    "| explanations (`--explain`), %d articles of %.1f paragraphs | %.2f s per article vs %.2f s plain: %.1fx |%n",
                    explainCost.articles(),
                    explainCost.paragraphsPerArticle(),
                    explainCost.explainSeconds(),
                    explainCost.plainSeconds(),
                    explainCost.ratio());
        }
        out.printf(Locale.ROOT, "| model load time | %.2f s |%n", loadSeconds);
        out.printf(
                Locale.ROOT,
                "| peak memory (RSS) | %s |%n",
                peakRss < 0 ? "n/a (no /proc/self/status)" : peakRss / 1024 + " MB");
        out.println();
        if (!speed.isEmpty()) {
            out.println("Short paragraphs and long pages, fp32 and int8 encoders (encoder alone and whole path timed"
                    + " article by article in turn, each article's best of " + repeat
                    + " passes after a warm-up; encoder window " + window + " tokens):");
            out.println();
            out.print(SpeedBench.markdown(speed));
            out.println();
            out.print(SpeedBench.ratios(speed));
            out.println();
        }
        if (!scopeChecks.isEmpty()) {
            out.println("Out-of-scope behaviour: share of texts that get each article label (ideally 0):");
            out.println();
            out.print(OutOfScope.markdown(scopeChecks));
            out.println();
        }
        if (!noAblations) {
            ablations(corpus, out);
        }
        return Main.OK;
    }

    private void ablations(Corpus modelCorpus, java.io.PrintStream out) throws Exception {
        LabelScheme ls = SchemeFiles.read(scheme, data);
        Corpus corpus = new CorpusReader(
                        ls,
                        org.framescope.io.CsvColumns.defaults(),
                        org.framescope.text.Segmenter.defaults(),
                        modelOptions.maxChars)
                .read(data);
        TrainConfig base = TrainConfig.defaults();
        List<List<LabeledArticle>> td = Trainer.trainDev(corpus, base.devFraction(), base.seed());
        out.println(
                "| recipe | features | network | dev macro-F1 paragraph (mean of tasks) | dev macro-F1 article (mean of tasks) | dev frames macro-F1 article | dev frames macro-F1 paragraph | train s |");
        out.println("|---|---|---|---|---|---|---|---|");
        try (SentenceEncoder enc =
                Encoders.open(EncoderSpec.builtIn(EncoderSpec.DEFAULT_ID).orElseThrow(), modelOptions.threads, true)) {
            record Run(String recipe, TrainConfig cfg) {}
            List<Run> runs = List.of(
                    new Run(
                            "v2 (article path both)",
                            base.withBlocks(FeatureBlocks.EMBEDDINGS).withName("ablation-embeddings")),
                    new Run(
                            "v2 (article path both)",
                            base.withBlocks(FeatureBlocks.LEXICAL).withName("ablation-lexical")),
                    new Run("v2 (article path both)", base.withName("ablation-both")),
                    new Run("v1 (max over paragraphs)", base.v1Recipe()),
                    new Run("linear article baseline", base.linearBaseline()));
            for (Run run : runs) {
                long s = System.nanoTime();
                TrainConfig cfg = run.cfg();
                Trainer.Result r = new Trainer(cfg)
                        .train(ls, corpus, td.get(0), td.get(1), cfg.blocks().embeddings() ? enc : null);
                Evaluation e = r.dev();
                double framesP = e.paragraph().isEmpty()
                        ? Double.NaN
                        : e.paragraph().get(0).macro().f1();
                double framesA = e.article().isEmpty()
                        ? Double.NaN
                        : e.article().get(0).macro().f1();
                var net = r.bundle().manifest().network();
                out.printf(
                        Locale.ROOT,
                        "| %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %.1f |%n",
                        run.recipe(),
                        cfg.blocks().wireName(),
                        cfg.hiddenCandidates().equals(List.of(0))
                                ? "linear (hidden 0)"
                                : "best of hidden " + cfg.hiddenCandidates() + " → " + net.hidden(),
                        e.meanMacroF1(Level.PARAGRAPH).orElse(Double.NaN),
                        e.meanMacroF1(Level.ARTICLE).orElse(Double.NaN),
                        framesA,
                        framesP,
                        (System.nanoTime() - s) / 1e9);
            }
        }
    }

    /** The out-of-scope checks: each --out-of-scope file, and the data's own out-of-scope articles of --oos-split. */
    private List<OutOfScope> outOfScopeChecks(FrameScope fs, Corpus corpus) throws Exception {
        List<OutOfScope> checks = new ArrayList<>();
        CsvTable table = CsvTable.read(data);
        String idCol = table.has("article_id") ? "article_id" : "id";
        if (table.has("scope") && table.has(idCol)) {
            java.util.Set<String> out = new java.util.HashSet<>();
            table.rows().stream()
                    .filter(r -> "out".equals(r.get("scope").strip()))
                    .forEach(r -> out.add(r.get(idCol).strip()));
            List<ArticleResult> rs = new ArrayList<>();
            List<org.framescope.data.Labels> gold = new ArrayList<>();
            for (LabeledArticle a : corpus.split(oosSplit)) {
                if (out.contains(a.id())) {
                    rs.add(fs.classifyParagraphs(a.id(), a.paragraphs(), a.lang()));
                    gold.add(a.articleLabels());
                }
            }
            if (!rs.isEmpty()) {
                checks.add(
                        OutOfScope.of(Path.of(data).getFileName() + " " + oosSplit + ", scope out", fs.scheme(), rs));
                checks.add(OutOfScope.of(
                        Path.of(data).getFileName() + " " + oosSplit + ", scope out, labels not in gold",
                        fs.scheme(),
                        rs,
                        gold));
            }
        }
        for (Path f : outOfScope) {
            CsvTable t = CsvTable.read(f.toString());
            if (!t.has(oosTextColumn)) {
                throw new org.framescope.util.InputException(
                        f.toString(),
                        1,
                        oosTextColumn,
                        "missing column (the header has: " + String.join(", ", t.header()) + ")");
            }
            List<ArticleResult> rs = new ArrayList<>();
            int skipped = 0;
            for (CsvTable.Row r : t.rows()) {
                String text = r.get(oosTextColumn);
                try {
                    rs.add(fs.classify(text));
                } catch (org.framescope.util.InputException e) {
                    skipped++; // empty, too long, or nothing but boilerplate: nothing to label
                }
            }
            checks.add(
                    OutOfScope.of(f.getFileName() + (skipped > 0 ? ", " + skipped + " skipped" : ""), fs.scheme(), rs));
        }
        return checks;
    }
}
