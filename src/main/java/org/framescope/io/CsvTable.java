package org.framescope.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.framescope.util.Hashing;
import org.framescope.util.InputException;
import org.framescope.util.InputFiles;

/**
 * A whole CSV file read strictly: UTF-8 only, a header row, consistent quoting, every row as wide
 * as the header. Any violation is an {@link InputException} naming file, row and column.
 * Rows are numbered as a spreadsheet shows them: the header is row 1.
 */
public record CsvTable(String file, String sha256, List<String> header, List<Row> rows) {

    /** One data row; {@code row} is its spreadsheet row number (header = 1). */
    public record Row(long row, Map<String, String> cells) {
        /** The row's cell in that column, or null when the table has no such column. */
        public String get(String column) {
            return cells.get(column);
        }
    }

    /** Copies the header and the rows. */
    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** Whether the header has that column. */
    public boolean has(String column) {
        return header.contains(column);
    }

    /**
     * Reads and parses a whole CSV file ({@code -} for stdin).
     *
     * @throws InputException if the file is missing or not a valid CSV
     * @throws IOException if the file cannot be read
     */
    public static CsvTable read(String name) throws IOException {
        return parse(TextInput.displayName(name), InputFiles.readAllBytes(name));
    }

    /**
     * Parses the bytes of a CSV file strictly (a leading UTF-8 byte order mark is skipped).
     *
     * @param display names the file in error messages
     * @param bytes the file's content
     * @throws InputException if the bytes are empty, not UTF-8, badly quoted, the header has an empty
     *     or repeated name, or a row is not as wide as the header
     * @throws IOException if reading the parsed records fails otherwise
     */
    public static CsvTable parse(String display, byte[] bytes) throws IOException {
        String sha = Hashing.sha256(bytes);
        int start =
                bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                        ? 3
                        : 0;
        if (blank(bytes, start)) {
            throw new InputException(display, 0, null, "empty file (expected a header row)");
        }
        // Decoded up front: a streaming decoder reads ahead of the parser and would blame an earlier row.
        // The first bad byte's character index is kept, and its row found as the records go by.
        CharBuffer text = CharBuffer.allocate(bytes.length - start);
        CharsetDecoder dec = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        long badChar = -1;
        CoderResult cr = dec.decode(in, text, true);
        if (cr.isError()) {
            badChar = text.position();
            dec = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            dec.decode(in, text, true);
        }
        dec.flush(text);
        text.flip();
        // No header handling by the library: its messages on a bad header are advice to programmers.
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        long lastRow = 0;
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(text.toString()))
                .setFormat(format)
                .get()) {
            var it = parser.iterator();
            while (true) {
                CSVRecord rec;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    rec = it.next();
                } catch (UncheckedIOException e) {
                    throw badCsv(display, lastRow + 1, e.getCause());
                }
                if (badChar >= 0 && rec.getCharacterPosition() > badChar) {
                    throw notUtf8(display, lastRow);
                }
                long rowNo = rec.getRecordNumber();
                lastRow = rowNo;
                if (header == null) {
                    if (rec.size() == 1 && rec.get(0).isBlank()) {
                        continue; // a line of spaces before the header is a blank line too
                    }
                    header = header(display, rec);
                    continue;
                }
                if (rec.size() != header.size()) {
                    throw new InputException(
                            display,
                            rowNo,
                            null,
                            "row has " + rec.size() + " fields but the header has " + header.size()
                                    + " (unquoted comma or missing field?)");
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), rec.get(i));
                }
                rows.add(new Row(rowNo, cells));
            }
        }
        if (badChar >= 0) {
            throw notUtf8(display, Math.max(1, lastRow));
        }
        if (header == null) { // only blank lines (Java counts controls such as U+001D as blank): found by fuzzing
            throw new InputException(display, 0, null, "empty file (no header row)");
        }
        return new CsvTable(display, sha, header, rows);
    }
    /** Whether the content after the byte order mark is only whitespace (the whole file: blank lines may run past any prefix). */
    private static boolean blank(byte[] bytes, int start) {
        for (int i = start; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }

    /** The header's names, refused when one is empty or repeated: a column must be addressable by name. */
    private static List<String> header(String display, CSVRecord rec) {
        List<String> names = rec.toList();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n.isBlank()) {
                throw new InputException(display, 1, null, "header column " + (i + 1) + " has no name");
            }
            Integer prev = seen.putIfAbsent(n, i + 1);
            if (prev != null) {
                throw new InputException(
                        display, 1, n, "the header names this column twice (columns " + prev + " and " + (i + 1) + ")");
            }
        }
        return names;
    }

    private static InputException notUtf8(String display, long row) {
        return new InputException(display, row, null, "not valid UTF-8 (save the file as UTF-8)");
    }

    private static InputException badCsv(String display, long row, Throwable e) {
        String msg = e == null ? "unknown error" : String.valueOf(e.getMessage());
        return new InputException(display, row, null, "malformed CSV: " + msg.replaceAll("\\s+", " "));
    }
}
