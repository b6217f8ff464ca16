package org.framescope.util;

/**
 * Bad user input, reported as one line naming the file (or text), row and column. Thrown when a text
 * cannot be classified (null, blank, over the length limit, nothing left once boilerplate is
 * removed: the {@code classify*} methods of {@link org.framescope.FrameScope}), and when a file
 * cannot be read as labelled data (file not found, empty, bad header or row, a missing task column,
 * an unknown label, no rows, no articles in the requested split: {@link org.framescope.io.CorpusReader},
 * {@link org.framescope.FrameScope#train(java.nio.file.Path, org.framescope.model.LabelScheme,
 * org.framescope.train.TrainConfig)} and {@link org.framescope.FrameScope#evaluate(java.nio.file.Path, String)}).
 * The CLI maps it to exit code 2. Unchecked; immutable once thrown.
 */
public class InputException extends FrameScopeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long row;
    private final String column;
    private final String problem;

    /**
     * An exception whose message is {@link #format(String, long, String, String)} of its arguments.
     * Never throws.
     *
     * @param file    the file or text that is wrong, as shown to users; null for {@code <input>}
     * @param row     the 1-based row (the header is row 1), or 0 or less when no row applies
     * @param column  the column's name, or null when no column applies
     * @param problem what is wrong, one line
     */
    public InputException(String file, long row, String column, String problem) {
        super(format(file, row, column, problem));
        this.file = file;
        this.row = row;
        this.column = column;
        this.problem = problem;
    }

    /**
     * The one-line message: {@code file: row N, column 'C': problem}, leaving out the row when it is
     * 0 or less and the column when it is null. Thread-safe; never throws.
     *
     * @param file    the file or text, or null for {@code <input>}
     * @param row     the 1-based row, or 0 or less for none
     * @param column  the column's name, or null for none
     * @param problem what is wrong
     * @return the message
     */
    public static String format(String file, long row, String column, String problem) {
        StringBuilder sb = new StringBuilder(file == null ? "<input>" : file);
        if (row > 0) {
            sb.append(": row ").append(row);
        }
        if (column != null) {
            sb.append(row > 0 ? ", " : ": ").append("column '").append(column).append('\'');
        }
        return sb.append(": ").append(problem).toString();
    }

    /**
     * Never throws.
     *
     * @return the file or text that is wrong, as given to the constructor (may be null)
     */
    public String file() {
        return file;
    }

    /**
     * Never throws.
     *
     * @return the 1-based row, or 0 or less when no row applies
     */
    public long row() {
        return row;
    }

    /**
     * Never throws.
     *
     * @return the column that is wrong, or null when no column applies
     */
    public String column() {
        return column;
    }

    /**
     * Never throws.
     *
     * @return what is wrong, without the file, row and column
     */
    public String problem() {
        return problem;
    }
}
