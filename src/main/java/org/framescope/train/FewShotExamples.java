package org.framescope.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.framescope.io.CsvTable;
import org.framescope.model.FewShotLabel;
import org.framescope.text.Segmenter;
import org.framescope.text.TextLimits;
import org.framescope.util.InputException;

/**
 * The example paragraphs of a new label, read from CSV: column {@code text}, and optionally
 * {@code label} (1/0, yes/no or true/false: a positive or a negative of the new label; without the
 * column every row is a positive); optionally a second CSV whose {@code text} rows are all
 * negatives. Each row is one paragraph, normalised as paragraph rows are for training.
 *
 * <p><b>Thread-safety:</b> an immutable value (the lists are copied).
 *
 * @param file             the examples file as named by the caller
 * @param sha256           SHA-256 of its bytes
 * @param positives        the positive paragraphs, in file order
 * @param negatives        the examples file's own negatives
 * @param negativesFile    the negatives file as named, or null
 * @param negativesSha256  its SHA-256, or null
 * @param fileNegatives    the negatives file's paragraphs (empty without one)
 */
public record FewShotExamples(
        String file,
        String sha256,
        List<String> positives,
        List<String> negatives,
        String negativesFile,
        String negativesSha256,
        List<String> fileNegatives) {

    /** Name of the text column. */
    public static final String TEXT = "text";
    /** Name of the optional positive/negative column. */
    public static final String LABEL = "label";

    /**
     * Copies the lists and checks there are enough positives.
     *
     * @throws InputException if there are fewer than {@link FewShotLabel#MIN_EXAMPLES} positives (with
     *                        the description, {@link FewShotLabel#MIN_POSITIVES})
     * @throws NullPointerException if a list is null
     */
    public FewShotExamples {
        positives = List.copyOf(positives);
        negatives = List.copyOf(negatives);
        fileNegatives = List.copyOf(fileNegatives);
        if (positives.size() < FewShotLabel.MIN_EXAMPLES) {
            throw new InputException(
                    file,
                    0,
                    null,
                    positives.size() + " positive example" + (positives.size() == 1 ? "" : "s")
                            + "; a new label needs at least " + FewShotLabel.MIN_POSITIVES
                            + " positives, the description counting as one");
        }
    }

    /**
     * Reads the examples (and the optional negatives) from CSV files.
     *
     * @param examples  the examples CSV ({@code text}, optional {@code label})
     * @param negatives a CSV of negatives ({@code text}), or null
     * @param maxChars  longest paragraph accepted, in characters
     * @return the examples
     * @throws InputException naming file, row and column: a missing file or {@code text} column, an
     *                        empty or overlong text, a label that is not 1/0 or yes/no, fewer than
     *                        {@link FewShotLabel#MIN_EXAMPLES} positives
     * @throws UncheckedIOException if a file cannot be read otherwise
     * @throws NullPointerException if {@code examples} is null
     */
    public static FewShotExamples read(Path examples, Path negatives, int maxChars) {
        Objects.requireNonNull(examples, "examples");
        CsvTable t = table(examples);
        List<String> pos = new ArrayList<>();
        List<String> neg = new ArrayList<>();
        boolean labelled = t.has(LABEL);
        for (CsvTable.Row r : t.rows()) {
            String text = text(t, r, maxChars);
            if (!labelled || positive(t, r)) {
                pos.add(text);
            } else {
                neg.add(text);
            }
        }
        List<String> extra = new ArrayList<>();
        CsvTable n = negatives == null ? null : table(negatives);
        if (n != null) {
            for (CsvTable.Row r : n.rows()) {
                extra.add(text(n, r, maxChars));
            }
        }
        return new FewShotExamples(
                t.file(), t.sha256(), pos, neg, n == null ? null : n.file(), n == null ? null : n.sha256(), extra);
    }

    private static CsvTable table(Path file) {
        CsvTable t;
        try {
            t = CsvTable.read(file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (!t.has(TEXT)) {
            throw new InputException(
                    t.file(), 1, TEXT, "missing column (the header has " + String.join(", ", t.header()) + ")");
        }
        if (t.rows().isEmpty()) {
            throw new InputException(t.file(), 0, null, "no rows");
        }
        return t;
    }

    private static String text(CsvTable t, CsvTable.Row r, int maxChars) {
        String raw = r.get(TEXT);
        if (raw == null || raw.isBlank()) {
            throw new InputException(t.file(), r.row(), TEXT, "empty text");
        }
        String tooLong = TextLimits.overLimit(raw, maxChars);
        if (tooLong != null) {
            throw new InputException(t.file(), r.row(), TEXT, tooLong);
        }
        return Segmenter.defaults().normalizeParagraph(raw);
    }

    private static boolean positive(CsvTable t, CsvTable.Row r) {
        String v = r.get(LABEL).strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "yes", "y", "true" -> true;
            case "0", "no", "n", "false" -> false;
            default ->
                throw new InputException(t.file(), r.row(), LABEL, "'" + r.get(LABEL) + "' is not 1/0 or yes/no");
        };
    }
}
