package org.framescope.io;

/**
 * Bad user input, reported as one line naming the file, row and column. The CLI maps it to exit code 2.
 */
public class InputException extends RuntimeException {

    private final String file;
    private final long row;
    private final String column;
    private final String problem;

    public InputException(String file, long row, String column, String problem) {
        super(format(file, row, column, problem));
        this.file = file;
        this.row = row;
        this.column = column;
        this.problem = problem;
    }

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

    public String file() {
        return file;
    }

    public long row() {
        return row;
    }

    public String column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
