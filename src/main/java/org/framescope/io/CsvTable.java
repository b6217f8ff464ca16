package org.framescope.io;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.framescope.encode.Hashing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        String display = TextInput.displayName(name);
        byte[] bytes;
        if ("-".equals(name)) {
            bytes = System.in.readAllBytes();
        } else {
            try {
                bytes = Files.readAllBytes(Path.of(name));
            } catch (NoSuchFileException e) {
                throw new InputException(display, 0, null, "file not found");
            }
        }
        return parse(display, bytes);
    }

    /**
     * Parses the bytes of a CSV file strictly (a leading UTF-8 byte order mark is skipped).
     *
     * @param display names the file in error messages
     * @param bytes the file's content
     * @throws InputException if the bytes are empty, not UTF-8, badly quoted, or a row is not as wide as
     *     the header
     * @throws IOException if reading the parsed records fails otherwise
     */
    public static CsvTable parse(String display, byte[] bytes) throws IOException {
        String sha = Hashing.sha256(bytes);
        if (bytes.length == 0 || new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1).isBlank()) {
            throw new InputException(display, 0, null, "empty file (expected a header row)");
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        InputStream in = new ByteArrayInputStream(bytes, start, bytes.length - start);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(false)
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
                .get();
        List<Row> rows = new ArrayList<>();
        List<String> header;
        long lastRow = 1;
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            header = parser.getHeaderNames();
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
                long rowNo = rec.getRecordNumber() + 1;
                lastRow = rowNo;
                if (rec.size() != header.size()) {
                    throw new InputException(display, rowNo, null,
                            "row has " + rec.size() + " fields but the header has " + header.size() + " (unquoted comma or missing field?)");
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), rec.get(i));
                }
                rows.add(new Row(rowNo, cells));
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(display, 1, null, "bad header: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw badCsv(display, lastRow + 1, e.getCause());
        } catch (CharacterCodingException e) {
            throw badCsv(display, lastRow + 1, e);
        } catch (IOException e) {
            throw badCsv(display, lastRow + 1, e);
        }
        return new CsvTable(display, sha, header, rows);
    }

    private static InputException badCsv(String display, long row, Throwable e) {
        if (e instanceof CharacterCodingException) {
            return new InputException(display, row, null, "not valid UTF-8 (save the file as UTF-8)");
        }
        String msg = e == null ? "unknown error" : String.valueOf(e.getMessage());
        return new InputException(display, row, null, "malformed CSV: " + msg.replaceAll("\\s+", " "));
    }
}
