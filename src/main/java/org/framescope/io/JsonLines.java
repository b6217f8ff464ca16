package org.framescope.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.framescope.util.InputException;
import org.framescope.util.InputFiles;
import org.framescope.util.JsonErrors;

/**
 * A JSON Lines file of articles read strictly: each non-blank line must hold exactly one JSON
 * object with a string {@code text} (optional {@code id}, {@code lang}). A line that does not is
 * kept as a line with an error, so every input line is answered; a UTF-8 byte order mark at the
 * start is skipped.
 */
public final class JsonLines {

    /**
     * One non-blank input line.
     *
     * @param line  1-based line number in the file
     * @param id    the {@code id} field, else {@code line<N>}
     * @param text  the {@code text} field; null when the line has an error
     * @param lang  the {@code lang} field, or null
     * @param error what is wrong with the line, or null
     */
    public record Line(long line, String id, String text, String lang, String error) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLines() {}

    /**
     * Reads a whole JSON Lines file ({@code -} for stdin).
     *
     * @throws InputException if the file is missing, unreadable or has no non-blank line
     * @throws IOException if reading fails otherwise
     */
    public static List<Line> read(String name) throws IOException {
        return parse(TextInput.displayName(name), InputFiles.readAllBytes(name));
    }

    /**
     * Parses the bytes of a JSON Lines file.
     *
     * @param display names the file in error messages
     * @throws InputException if there is no non-blank line
     */
    public static List<Line> parse(String display, byte[] bytes) {
        int start =
                bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                        ? 3
                        : 0;
        List<Line> out = new ArrayList<>();
        long n = 0;
        for (int from = start; from < bytes.length; ) {
            int nl = from;
            while (nl < bytes.length && bytes[nl] != '\n') {
                nl++;
            }
            n++;
            // Each line decoded alone, so a bad byte is blamed on its own line and spoils no other.
            String text;
            try {
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, from, nl - from))
                        .toString();
            } catch (CharacterCodingException e) {
                text = null;
            }
            from = nl + 1;
            if (text == null) {
                out.add(new Line(n, "line" + n, null, null, "not valid UTF-8 (save the file as UTF-8)"));
            } else if (!text.isBlank()) {
                out.add(line(n, text));
            }
        }
        if (out.isEmpty()) {
            throw new InputException(display, 0, null, "empty file (no JSON lines)");
        }
        return out;
    }

    private static Line line(long n, String text) {
        String fallbackId = "line" + n;
        JsonNode node;
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            node = MAPPER.readTree(p);
            if (node != null && node.isObject()) {
                try {
                    if (p.nextToken() != null) {
                        return new Line(
                                n,
                                fallbackId,
                                null,
                                null,
                                "more than one JSON value on the line, at column "
                                        + p.currentTokenLocation().getColumnNr() + " (one object per line)");
                    }
                } catch (JsonProcessingException e) {
                    return new Line(
                            n,
                            fallbackId,
                            null,
                            null,
                            "text after the JSON object: "
                                    + JsonErrors.describe(e).replaceFirst("^line \\d+, ", ""));
                }
            }
        } catch (JsonProcessingException e) {
            return new Line(
                    n,
                    fallbackId,
                    null,
                    null,
                    "invalid JSON: " + JsonErrors.describe(e).replaceFirst("^line \\d+, ", ""));
        } catch (IOException e) {
            return new Line(n, fallbackId, null, null, "unreadable line");
        }
        if (node == null || !node.isObject()) {
            return new Line(
                    n,
                    fallbackId,
                    null,
                    null,
                    "the line must be a JSON object, not " + (node == null ? "nothing" : kind(node)));
        }
        String id = node.hasNonNull("id") ? node.get("id").asText() : fallbackId;
        String lang = node.hasNonNull("lang") ? node.get("lang").asText() : null;
        JsonNode t = node.get("text");
        if (t == null || !t.isTextual()) {
            return new Line(n, id, null, lang, "field 'text' missing or not a string");
        }
        return new Line(n, id, t.asText(), lang, null);
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
