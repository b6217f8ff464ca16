package org.framescope.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * How {@link FrameScopeSpark} scores a DataFrame: the optional input columns it reads, the batch
 * size, whether paragraph results are added, and a prefix for the columns it adds (for inputs that
 * already have a column named like one of them). Immutable; serializable, since executors get it.
 *
 * @param idColumn   column used as the article's id in error messages, when the input has it (may be null)
 * @param langColumn column whose non-blank value overrides the guessed language, when the input has it
 *                   (may be null); {@code predict} does the same with its {@code lang} column
 * @param batchSize  articles per encoder pass inside a partition (larger batches are faster, use more memory)
 * @param paragraphs whether to add the per-paragraph results as an array column
 * @param prefix     prefix of every added column name ("" for none)
 * @param maxChars   longest text accepted, in characters; longer ones get an error row
 */
public record SparkScoringOptions(
        String idColumn, String langColumn, int batchSize, boolean paragraphs, String prefix, int maxChars)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code batchSize} or {@code maxChars} is not positive
     * @throws NullPointerException if {@code prefix} is null
     */
    public SparkScoringOptions {
        Objects.requireNonNull(prefix, "prefix");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, got " + maxChars);
        }
    }

    /**
     * The defaults of {@code framescope predict}: columns {@code id} and {@code lang} when present,
     * 16 articles per batch, paragraph results, no prefix, 200,000 characters at most.
     *
     * @return the default options
     */
    public static SparkScoringOptions defaults() {
        return new SparkScoringOptions(
                "id",
                "lang",
                16,
                true,
                "",
                org.framescope.FrameScope.Options.defaults().maxChars());
    }

    /**
     * A copy with another id column.
     *
     * @param c the column name, or null for none
     * @return the modified copy
     */
    public SparkScoringOptions withIdColumn(String c) {
        return new SparkScoringOptions(c, langColumn, batchSize, paragraphs, prefix, maxChars);
    }

    /**
     * A copy with another language column.
     *
     * @param c the column name, or null for none
     * @return the modified copy
     */
    public SparkScoringOptions withLangColumn(String c) {
        return new SparkScoringOptions(idColumn, c, batchSize, paragraphs, prefix, maxChars);
    }

    /**
     * A copy with another batch size.
     *
     * @param n articles per batch, at least 1
     * @return the modified copy
     */
    public SparkScoringOptions withBatchSize(int n) {
        return new SparkScoringOptions(idColumn, langColumn, n, paragraphs, prefix, maxChars);
    }

    /**
     * A copy that adds, or leaves out, the paragraph results.
     *
     * @param p whether to add them
     * @return the modified copy
     */
    public SparkScoringOptions withParagraphs(boolean p) {
        return new SparkScoringOptions(idColumn, langColumn, batchSize, p, prefix, maxChars);
    }

    /**
     * A copy with another prefix for the added columns.
     *
     * @param p the prefix ("" for none)
     * @return the modified copy
     */
    public SparkScoringOptions withPrefix(String p) {
        return new SparkScoringOptions(idColumn, langColumn, batchSize, paragraphs, p, maxChars);
    }

    /**
     * A copy with another length limit.
     *
     * @param n longest text accepted, in characters
     * @return the modified copy
     */
    public SparkScoringOptions withMaxChars(int n) {
        return new SparkScoringOptions(idColumn, langColumn, batchSize, paragraphs, prefix, n);
    }
}
