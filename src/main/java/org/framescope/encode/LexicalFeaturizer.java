package org.framescope.encode;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framescope.util.Hashing;

/**
 * Hashed TF-IDF features. Term frequencies are sublinear (1 + ln tf); the word and character blocks
 * are each L2-normalised and scaled by 1/sqrt(2), so the lexical block has unit norm like the
 * embedding block. The IDF weights are fitted on training texts and stored in the model bundle.
 * Immutable and thread-safe once fitted.
 */
public final class LexicalFeaturizer {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    private static final float BLOCK_SCALE = (float) (1.0 / Math.sqrt(2.0));

    private final LexicalConfig config;
    private final float[] idf;
    private final int documents;

    /**
     * A featurizer with fitted IDF weights (copied).
     *
     * @throws IllegalArgumentException if there is not one weight per bucket of {@code config}
     */
    public LexicalFeaturizer(LexicalConfig config, float[] idf, int documents) {
        if (idf.length != config.dim()) {
            throw new IllegalArgumentException("idf has " + idf.length + " weights, config wants " + config.dim());
        }
        this.config = config;
        this.idf = idf.clone();
        this.documents = documents;
    }

    /** Fits IDF weights (scikit-learn's smoothed formula) on the training texts. */
    public static LexicalFeaturizer fit(LexicalConfig config, List<String> texts) {
        int[] df = new int[config.dim()];
        for (String t : texts) {
            for (int idx : counts(config, t).buckets) {
                df[idx]++;
            }
        }
        float[] idf = new float[config.dim()];
        int n = texts.size();
        for (int i = 0; i < idf.length; i++) {
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + df[i])) + 1.0);
        }
        return new LexicalFeaturizer(config, idf, n);
    }

    /** The settings the featurizer was fitted with. */
    public LexicalConfig config() {
        return config;
    }

    /** A copy of the IDF weight of every bucket. */
    public float[] idf() {
        return idf.clone();
    }

    /** The number of documents the IDF weights were fitted on. */
    public int documents() {
        return documents;
    }

    /** The width of the vectors {@link #transform(String)} returns. */
    public int dim() {
        return config.dim();
    }

    /**
     * The text's TF-IDF vector: log-scaled n-gram counts times IDF, the word and the character blocks each
     * L2-normalised to a fixed scale.
     */
    public SparseVector transform(String text) {
        return fromCounts(counts(config, words(config, text), null));
    }

    /**
     * The TF-IDF vector of a text already split into {@link #words}, as {@link #transform} would give
     * for a text with exactly those words. {@code charMemo} (may be null) caches each word's character
     * n-gram buckets across calls: explanations score many variants of one text, each missing a word.
     */
    public SparseVector transformWords(List<String> words, Map<String, int[]> charMemo) {
        return fromCounts(counts(config, words, charMemo));
    }

    private SparseVector fromCounts(Counts c) {
        int[] idx = c.buckets;
        float[] val = new float[idx.length];
        double wordNorm = 0, charNorm = 0;
        for (int k = 0; k < idx.length; k++) {
            val[k] = (float) ((1.0 + Math.log(c.counts[k])) * idf[idx[k]]);
            if (idx[k] < config.wordBuckets()) {
                wordNorm += val[k] * val[k];
            } else {
                charNorm += val[k] * val[k];
            }
        }
        float wScale = wordNorm > 0 ? (float) (BLOCK_SCALE / Math.sqrt(wordNorm)) : 0f;
        float cScale = charNorm > 0 ? (float) (BLOCK_SCALE / Math.sqrt(charNorm)) : 0f;
        for (int i = 0; i < idx.length; i++) {
            val[i] *= idx[i] < config.wordBuckets() ? wScale : cScale;
        }
        return new SparseVector(idx, val);
    }

    /** The word tokens the lexical block sees (lower-cased, accents folded if configured). */
    public static List<String> words(LexicalConfig config, String text) {
        String s = text.toLowerCase(Locale.ROOT);
        if (config.foldAccents()) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        }
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            out.add(m.group().replace('’', '\''));
        }
        return out;
    }

    /**
     * The text with every occurrence of one word removed, the word given as {@link #words} writes it
     * (lower case, accents folded as configured). Explanations measure a term's weight as what the
     * lexical block loses without it.
     */
    public static String withoutWord(LexicalConfig config, String text, String word) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = WORD.matcher(text);
        int last = 0;
        while (m.find()) {
            List<String> folded = words(config, m.group());
            if (folded.size() == 1 && folded.get(0).equals(word)) {
                out.append(text, last, m.start());
                last = m.end();
            }
        }
        return out.append(text, last, text.length()).toString();
    }

    /** The inverse document frequency of a single word ({@link #words} form): rarer words weigh more. */
    public double wordIdf(String word) {
        return idf[bucket("w1:" + word, config.wordBuckets())];
    }

    /** Distinct buckets in ascending order and how often each occurs. */
    private record Counts(int[] buckets, int[] counts) {}

    private static Counts counts(LexicalConfig config, String text) {
        return counts(config, words(config, text), null);
    }

    /**
     * Every n-gram's bucket, sorted and run-length counted: a primitive array and one sort instead of boxed map
     * entries (profiling put the maps at a quarter of the Java time of the whole classify path).
     */
    private static Counts counts(LexicalConfig config, List<String> words, Map<String, int[]> charMemo) {
        int[] all = new int[Math.max(16, words.size() * 8)];
        int size = 0;
        int wb = config.wordBuckets();
        for (int n = 1; n <= config.wordNgramMax(); n++) {
            for (int i = 0; i + n <= words.size(); i++) {
                String g = n == 1 ? words.get(i) : String.join(" ", words.subList(i, i + n));
                if (size == all.length) {
                    all = Arrays.copyOf(all, all.length * 2);
                }
                all[size++] = bucket("w" + n + ":" + g, wb);
            }
        }
        if (config.charBuckets() > 0) {
            for (String w : words) {
                int[] buckets = charMemo == null
                        ? charBuckets(config, w)
                        : charMemo.computeIfAbsent(w, x -> charBuckets(config, x));
                if (size + buckets.length > all.length) {
                    all = Arrays.copyOf(all, Math.max(all.length * 2, size + buckets.length));
                }
                System.arraycopy(buckets, 0, all, size, buckets.length);
                size += buckets.length;
            }
        }
        Arrays.sort(all, 0, size);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                distinct++;
            }
        }
        int[] b = new int[distinct];
        int[] c = new int[distinct];
        int k = -1;
        for (int i = 0; i < size; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                b[++k] = all[i];
            }
            c[k]++;
        }
        return new Counts(b, c);
    }

    /** The character n-gram buckets of one word (with its boundary spaces), offset past the word buckets. */
    private static int[] charBuckets(LexicalConfig config, String w) {
        int wb = config.wordBuckets();
        int cb = config.charBuckets();
        String padded = " " + w + " ";
        int total = 0;
        for (int n = config.charMin(); n <= config.charMax(); n++) {
            total += Math.max(0, padded.length() - n + 1);
        }
        int[] out = new int[total];
        int k = 0;
        for (int n = config.charMin(); n <= config.charMax(); n++) {
            for (int i = 0; i + n <= padded.length(); i++) {
                out[k++] = wb + bucket("c:" + padded.substring(i, i + n), cb);
            }
        }
        return out;
    }

    private static int bucket(String feature, int buckets) {
        return (int) Math.floorMod(Hashing.fnv1a64(feature), (long) buckets);
    }

    /** Equal when settings, IDF weights and document count are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LexicalFeaturizer f
                && f.config.equals(config)
                && Arrays.equals(f.idf, idf)
                && f.documents == documents;
    }

    /** A hash of the settings and the IDF weights, consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return config.hashCode() * 31 + Arrays.hashCode(idf);
    }
}
