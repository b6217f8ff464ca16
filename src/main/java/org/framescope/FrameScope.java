package org.framescope;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.framescope.encode.CachingEncoder;
import org.framescope.encode.EncoderSpec;
import org.framescope.encode.Featurizer;
import org.framescope.encode.OnnxSentenceEncoder;
import org.framescope.encode.ArticleFeatures;
import org.framescope.encode.Pooling;
import org.framescope.encode.SentenceEncoder;
import org.framescope.io.InputException;
import org.framescope.model.DecisionRules;
import org.framescope.model.EncoderIdentity;
import org.framescope.model.LabelScheme;
import org.framescope.model.Level;
import org.framescope.model.Manifest;
import org.framescope.model.ModelBundle;
import org.framescope.model.ModelFormatException;
import org.framescope.model.NetworkRunner;
import org.framescope.model.RawScores;
import org.framescope.model.Task;
import org.framescope.model.TaskDecision;
import org.framescope.text.SegmentedArticle;
import org.framescope.text.Segmenter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The library's entry point: load a model file, classify articles.
 * <pre>
 * try (FrameScope fs = FrameScope.loadDefault()) {
 *     ArticleResult r = fs.classify(text);
 * }
 * </pre>
 * Thread-safe: the encoder runs concurrently; the small network pass is serialised.
 */
public final class FrameScope implements AutoCloseable {

    /** Classpath location of the model shipped in {@code models/}. */
    public static final String DEFAULT_MODEL_RESOURCE = "/org/framescope/models/framescope-geo-v2.zip";
    public static final String DEFAULT_MODEL_FILE = "models/framescope-geo-v2.zip";

    /**
     * Loading options.
     *
     * @param encoderThreads   ONNX Runtime intra-op threads (0 = all cores)
     * @param encoderDirectory a directory with model.onnx + tokenizer.json to use instead of the
     *                         recorded built-in encoder (its checksum must still match)
     * @param maxChars         longest text accepted
     * @param cacheEmbeddings  keep paragraph embeddings in the on-disk cache (worth it for repeated
     *                         evaluation, not for one-off classification)
     */
    public record Options(int encoderThreads, Path encoderDirectory, int maxChars, boolean cacheEmbeddings) {
        public static Options defaults() {
            return new Options(0, null, org.framescope.io.CorpusReader.DEFAULT_MAX_CHARS, false);
        }

        public Options withCache(boolean c) {
            return new Options(encoderThreads, encoderDirectory, maxChars, c);
        }

        public Options withThreads(int t) {
            return new Options(t, encoderDirectory, maxChars, cacheEmbeddings);
        }

        public Options withMaxChars(int m) {
            return new Options(encoderThreads, encoderDirectory, m, cacheEmbeddings);
        }

        public Options withEncoderDirectory(Path p) {
            return new Options(encoderThreads, p, maxChars, cacheEmbeddings);
        }
    }

    private final ModelBundle bundle;
    private final Featurizer featurizer;
    private final Segmenter segmenter;
    private final Options options;
    private final Object networkLock = new Object();
    private final boolean ownsEncoder;

    private FrameScope(ModelBundle bundle, Featurizer featurizer, Options options, boolean ownsEncoder) {
        this.bundle = bundle;
        this.ownsEncoder = ownsEncoder;
        this.featurizer = featurizer;
        this.segmenter = Segmenter.defaults();
        this.options = options;
    }

    public static FrameScope load(Path model) {
        return load(model, Options.defaults());
    }

    public static FrameScope load(Path model, Options options) {
        return open(ModelBundle.load(model), options, null);
    }

    /** The model shipped with framescope (inside the jar, or {@code models/} when run from the source tree). */
    public static FrameScope loadDefault() {
        return loadDefault(Options.defaults());
    }

    public static FrameScope loadDefault(Options options) {
        try (InputStream in = FrameScope.class.getResourceAsStream(DEFAULT_MODEL_RESOURCE)) {
            if (in != null) {
                return open(ModelBundle.load(in, "framescope-geo-v2.zip (built in)"), options, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path p = Path.of(DEFAULT_MODEL_FILE);
        if (Files.isRegularFile(p)) {
            return load(p, options);
        }
        throw new ModelFormatException("the default model is neither on the classpath nor at " + DEFAULT_MODEL_FILE);
    }

    /**
     * Wraps an already loaded bundle. {@code encoder} may be passed to share one encoder between
     * models (it must be the one the model was trained with); null opens the recorded one.
     */
    public static FrameScope open(ModelBundle bundle, Options options, SentenceEncoder encoder) {
        EncoderIdentity id = bundle.manifest().features().encoder();
        SentenceEncoder enc = null;
        if (id != null) {
            enc = encoder != null ? encoder : openEncoder(id, options);
            if (!enc.sha256().equals(id.sha256()) || enc.dim() != id.dim()) {
                String found = enc.spec().id() + " (sha256 " + enc.sha256().substring(0, 12) + "…, dim " + enc.dim() + ")";
                if (encoder == null) {
                    enc.close();
                }
                throw new ModelFormatException("the model was trained with encoder " + id.id() + " (sha256 "
                        + id.sha256().substring(0, 12) + "…, dim " + id.dim() + ") but the encoder found is " + found
                        + "; use the same encoder files");
            }
        }
        return new FrameScope(bundle, new Featurizer(enc, bundle.lexical(), bundle.manifest().features().inputScale()), options, encoder == null);
    }

    private static SentenceEncoder openEncoder(EncoderIdentity id, Options options) {
        EncoderSpec spec;
        if (options.encoderDirectory() != null) {
            spec = EncoderSpec.fromDirectory(options.encoderDirectory(), Pooling.valueOf(id.pooling().toUpperCase(java.util.Locale.ROOT)),
                    id.prefix(), id.maxTokens());
        } else {
            Optional<EncoderSpec> b = EncoderSpec.builtIn(id.id());
            if (b.isEmpty()) {
                throw new ModelFormatException("the model needs encoder '" + id.id() + "' (" + id.artifact()
                        + "), which is not built in: pass its directory (--encoder-dir)");
            }
            spec = b.get();
        }
        try {
            SentenceEncoder enc = OnnxSentenceEncoder.open(spec, options.encoderThreads());
            return options.cacheEmbeddings() ? CachingEncoder.inDefaultLocation(enc) : enc;
        } catch (IOException e) {
            throw new ModelFormatException("cannot open encoder " + spec.id() + ": " + e.getMessage(), e);
        }
    }

    public Manifest manifest() {
        return bundle.manifest();
    }

    public LabelScheme scheme() {
        return bundle.manifest().scheme();
    }

    public Segmenter segmenter() {
        return segmenter;
    }

    public Featurizer featurizer() {
        return featurizer;
    }

    public ArticleResult classify(String text) {
        return classify(null, text);
    }

    public ArticleResult classify(String id, String text) {
        return classifyArticles(List.of(new ArticleInput(id, text))).get(0);
    }

    public List<ArticleResult> classifyAll(List<String> texts) {
        return classifyArticles(texts.stream().map(t -> new ArticleInput(null, t)).toList());
    }

    /** Segments each article's raw text, then classifies its paragraphs and the whole. */
    public List<ArticleResult> classifyArticles(List<ArticleInput> inputs) {
        List<SegmentedArticle> segs = new ArrayList<>();
        for (ArticleInput in : inputs) {
            checkLength(in.id(), in.text());
            SegmentedArticle s = segmenter.segment(in.text());
            if (s.paragraphs().isEmpty()) {
                throw new InputException(in.id() == null ? "<text>" : in.id(), 0, null, "no text left to classify (empty, or only boilerplate lines)");
            }
            segs.add(s);
        }
        List<List<String>> paras = segs.stream().map(SegmentedArticle::texts).toList();
        RawScores raw = score(paras);
        List<ArticleResult> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            SegmentedArticle s = segs.get(i);
            List<Boolean> titles = s.paragraphs().stream().map(p -> p.title()).toList();
            out.add(result(inputs.get(i).id(), s.language(), paras.get(i), titles, raw, i, s.droppedLines()));
        }
        return out;
    }

    /** Classifies an article given as ready paragraphs (no segmentation); used for paragraph-level CSVs. */
    public ArticleResult classifyParagraphs(String id, List<String> paragraphs, String language) {
        List<String> norm = paragraphs.stream().map(segmenter::normalizeParagraph).toList();
        norm.forEach(p -> checkLength(id, p));
        RawScores raw = score(List.of(norm));
        List<Boolean> titles = java.util.Collections.nCopies(norm.size(), false);
        String lang = language == null || language.isBlank() ? org.framescope.text.LanguageGuesser.guess(String.join("\n", norm)) : language;
        return result(id, lang, norm, titles, raw, 0, List.of());
    }

    /** Raw network probabilities for articles given as normalised paragraphs (evaluation uses this). */
    public RawScores score(List<List<String>> articles) {
        Manifest m = bundle.manifest();
        List<ArticleFeatures> feats = featurizer.featurizeArticles(articles, m.network().hasDocHeads());
        ComputationGraph net = bundle.network();
        synchronized (networkLock) {
            return NetworkRunner.forward(net, scheme(), m.network(), featurizer, feats, m.articleSources());
        }
    }

    /**
     * Why this text cannot be classified (empty, or over the length limit), or null when it can.
     * Batch callers use it to answer a bad row with an error row instead of failing the batch.
     */
    public String problem(String text) {
        if (text == null || text.isBlank()) {
            return "empty text";
        }
        if (text.length() > options.maxChars()) {
            return "text is " + text.length() + " characters, over the limit of " + options.maxChars() + " (--max-chars)";
        }
        return null;
    }

    private void checkLength(String id, String text) {
        String p = problem(text);
        if (p != null) {
            throw new InputException(id == null ? "<text>" : id, 0, null, p);
        }
    }

    private ArticleResult result(String id, String lang, List<String> paras, List<Boolean> titles, RawScores raw, int i, List<String> dropped) {
        DecisionRules rules = bundle.manifest().decisions();
        List<Task> tasks = scheme().tasks();
        List<ParagraphResult> pr = new ArrayList<>();
        double[][][] paraCal = new double[paras.size()][tasks.size()][];
        for (int j = 0; j < paras.size(); j++) {
            Map<String, TaskResult> tr = new LinkedHashMap<>();
            for (int k = 0; k < tasks.size(); k++) {
                Task t = tasks.get(k);
                TaskDecision d = rules.forLevel(Level.PARAGRAPH, t.name());
                paraCal[j][k] = d.calibrate(t, raw.paragraph()[i][j][k]);
                tr.put(t.name(), taskResult(t, paraCal[j][k], d.decide(t, paraCal[j][k])));
            }
            pr.add(new ParagraphResult(j, paras.get(j), titles.get(j), tr));
        }
        Map<String, TaskResult> ar = new LinkedHashMap<>();
        List<Evidence> evidence = new ArrayList<>();
        for (int k = 0; k < tasks.size(); k++) {
            Task t = tasks.get(k);
            TaskDecision d = rules.forLevel(Level.ARTICLE, t.name());
            double[] cal = d.calibrate(t, raw.article()[i][k]);
            int[] chosen = d.decide(t, cal);
            ar.put(t.name(), taskResult(t, cal, chosen));
            for (int l : chosen) {
                String label = t.labels().get(l);
                if (label.equals(t.neutral())) {
                    continue;
                }
                final int kk = k;
                List<Integer> carriers = new ArrayList<>();
                for (int j = 0; j < paras.size(); j++) {
                    if (pr.get(j).tasks().get(t.name()).labels().contains(label)) {
                        carriers.add(j);
                    }
                }
                if (carriers.isEmpty()) {
                    // Max pooling: the strongest paragraph is what put the label on the article.
                    int best = 0;
                    for (int j = 1; j < paras.size(); j++) {
                        if (paraCal[j][kk][l] > paraCal[best][kk][l]) {
                            best = j;
                        }
                    }
                    carriers.add(best);
                }
                carriers.sort(Comparator.comparingDouble((Integer j) -> -paraCal[j][kk][l]));
                evidence.add(new Evidence(t.name(), label, round4(cal[l]), carriers));
            }
        }
        return new ArticleResult(id, lang, ar, pr, evidence, dropped);
    }

    /**
     * Scores are reported to 4 decimals: fp32 encoder outputs move by ~1e-7 with the padding of the
     * batch a text is embedded in, and rounding keeps results identical however inputs are batched.
     */
    private static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static TaskResult taskResult(Task t, double[] cal, int[] chosen) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int l = 0; l < t.size(); l++) {
            scores.put(t.labels().get(l), round4(cal[l]));
        }
        List<String> labels = new ArrayList<>();
        for (int l : chosen) {
            labels.add(t.labels().get(l));
        }
        return new TaskResult(t.name(), labels, scores);
    }

    @Override
    public void close() {
        if (ownsEncoder && featurizer.encoder() != null) {
            featurizer.encoder().close();
        }
    }
}
