package org.framescope.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a paragraph into sentences for explanations: after {@code . ! ? …} (and any closing quote
 * or bracket) when whitespace and an upper-case letter, digit or opening quote follow, and at line
 * breaks (a section heading above its paragraph). Common English and French abbreviations and
 * initials ("Mr.", "M.", "J.") do not end a sentence. Rule-based on purpose: explanations need
 * stable, explainable cut points in both languages, not a trained model. Linear in the text's length.
 */
public final class Sentences {

    /** A sentence as a half-open span of the paragraph: {@code text.substring(start, end)}. */
    public record Span(int start, int end) {}

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "st", "vs", "etc",
            "e.g", "i.e", "jr", "sr", "inc", "ltd", "corp", "u.s", "u.k", "u.n", "mm", "mme", "mlle", "fig", "jan",
            "feb", "mar", "apr", "aug", "sept", "oct", "nov", "dec");

    private Sentences() {}

    /** The sentences of a paragraph, in order; blank text gives none. Spans exclude surrounding whitespace. */
    public static List<Span> split(String text) {
        List<Span> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                add(text, start, i, out);
                start = i + 1;
                continue;
            }
            if (c != '.' && c != '!' && c != '?' && c != '…') {
                continue;
            }
            int end = i + 1;
            while (end < n && isCloser(text.charAt(end))) {
                end++;
            }
            int next = end;
            while (next < n && text.charAt(next) == ' ') {
                next++;
            }
            if (next == end || next >= n || !startsSentence(text.charAt(next))) {
                continue;
            }
            if (c == '.' && isAbbreviation(text, i)) {
                continue;
            }
            add(text, start, end, out);
            start = next;
            i = next - 1;
        }
        add(text, start, n, out);
        return out;
    }

    private static void add(String text, int from, int to, List<Span> out) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (to > from) {
            out.add(new Span(from, to));
        }
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == '»' || c == ')' || c == ']';
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c)
                || Character.isDigit(c)
                || c == '"'
                || c == '“'
                || c == '«'
                || c == '\''
                || c == '(';
    }

    /** The word before a full stop is an abbreviation or an initial ("J.", "U.S."). */
    private static boolean isAbbreviation(String text, int dot) {
        int from = dot;
        while (from > 0 && (Character.isLetter(text.charAt(from - 1)) || text.charAt(from - 1) == '.')) {
            from--;
        }
        String word = text.substring(from, dot).toLowerCase(java.util.Locale.ROOT);
        return word.length() == 1 && Character.isLetter(word.charAt(0)) || ABBREVIATIONS.contains(word);
    }

    /** The paragraph without one sentence, the gap closed with one space. */
    public static String without(String text, Span s) {
        String before = text.substring(0, s.start()).stripTrailing();
        String after = text.substring(s.end()).stripLeading();
        return before.isEmpty() ? after : after.isEmpty() ? before : before + " " + after;
    }
}
