package org.framescope.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.Locale;

/**
 * Jackson's parse errors in users' words: where (line, column) and a short reason, without its
 * class names, source descriptions, reference chains or advice about its own settings.
 */
public final class JsonErrors {

    private JsonErrors() {}

    /**
     * "line L, column C: reason", or the reason alone when Jackson knows no location. Never throws.
     *
     * @param e a parse error from Jackson
     * @return a one-line description for users
     */
    public static String describe(JsonProcessingException e) {
        return describe(e, null);
    }

    /**
     * As {@link #describe(JsonProcessingException)}, with the parser's position where the error has
     * none (Jackson's size-limit errors carry no location). Never throws.
     *
     * @param e      a parse error from Jackson
     * @param parser the parser that failed, or null
     * @return a one-line description for users
     */
    public static String describe(JsonProcessingException e, com.fasterxml.jackson.core.JsonParser parser) {
        JsonLocation loc = e.getLocation();
        if (loc == null && parser != null) {
            loc = parser.currentLocation();
        }
        String where = loc == null || loc.getLineNr() < 1
                ? ""
                : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
        return where + reason(e);
    }

    /**
     * The reason alone. Never throws.
     *
     * @param e a parse error from Jackson
     * @return a short reason with nothing of Jackson's internals
     */
    public static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException) {
            return "the JSON ends too early (an unclosed string, object or array?)";
        }
        if (e instanceof StreamConstraintsException) {
            if (m.startsWith("Document nesting depth")) {
                return "nested too deeply";
            }
            if (m.startsWith("Number value length")) {
                return "a number is too long";
            }
            if (m.startsWith("String value length")) {
                return "a string is too long";
            }
            return "over the parser's size limits";
        }
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.startsWith("duplicate field")) {
            return m.replaceAll("\\s+", " ").strip().replaceFirst("^Duplicate field", "duplicate field");
        }
        if (lower.startsWith("invalid utf-8")) {
            return "not valid UTF-8";
        }
        if (lower.startsWith("unexpected character")) {
            // "Unexpected character ('x' (code 120)): expected ..." -> the character, and what was expected.
            int colon = m.indexOf("): ");
            String found = m.replaceFirst("^Unexpected character \\(('.*?') \\(code.*$", "$1");
            String expected = colon < 0 ? "" : m.substring(colon + 3);
            return "unexpected character " + found + (expected.isEmpty() ? "" : ": " + plain(expected));
        }
        if (lower.startsWith("unrecognized token")) {
            return m.replaceFirst(
                    "^Unrecognized token ('.*?'): was expecting.*$",
                    "unrecognized word $1 (a string must be in double quotes)");
        }
        return plain(m);
    }

    /** Drops what only Jackson's developers can use: source descriptions, reference chains, backquoted names. */
    private static String plain(String m) {
        String s = m.replaceAll("\\(through reference chain:[^)]*\\)", "")
                .replaceAll("\\[Source:[^\\]]*\\]", "")
                .replaceAll("\\(start marker at[^)]*\\)\\)?", "")
                .replaceAll("`[^`]*`", "")
                .replaceAll("\\b(?:[a-z]+\\.)+[A-Z]\\w+", "")
                .replaceAll("\\s+", " ")
                .strip();
        return s.length() <= 160 ? s : s.substring(0, 160) + "…";
    }
}
