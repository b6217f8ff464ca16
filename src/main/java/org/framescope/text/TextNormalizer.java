package org.framescope.text;

import java.text.Normalizer;

/** Unicode and whitespace normalisation applied to every text before anything else looks at it. */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /**
     * NFC-normalises, maps exotic spaces and line separators to plain ones, drops control and
     * zero-width characters, and unifies line endings. Paragraph breaks (newlines) are preserved.
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        continue;
                    }
                    out.append('\n');
                }
                case '\u2028', '\u2029', '\u0085' -> out.append('\n');
                case '\t', '\u00A0', '\u2007', '\u202F', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004',
                        '\u2005', '\u2006', '\u2008', '\u2009', '\u200A', '\u3000' -> out.append(' ');
                case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD' -> {
                    // zero-width and soft-hyphen characters carry no meaning for classification
                }
                default -> {
                    if (c == '\n' || !Character.isISOControl(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Collapses all whitespace runs (newlines included) to single spaces and trims. */
    public static String collapseSpaces(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
