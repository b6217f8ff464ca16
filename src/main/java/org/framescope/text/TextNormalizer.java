package org.framescope.text;

import java.text.Normalizer;
import java.util.Map;

/** Unicode and whitespace normalisation applied to every text before anything else looks at it. */
public final class TextNormalizer {

    private TextNormalizer() {}

    /**
     * NFC-normalises, maps exotic spaces and line separators to plain ones, drops control and
     * zero-width characters, and unifies line endings. Paragraph breaks (newlines) are preserved.
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text.indexOf('&') >= 0 ? decodeEntities(text) : text, Normalizer.Form.NFC);
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
                case '\t',
                        '\u00A0',
                        '\u2007',
                        '\u202F',
                        '\u2000',
                        '\u2001',
                        '\u2002',
                        '\u2003',
                        '\u2004',
                        '\u2005',
                        '\u2006',
                        '\u2008',
                        '\u2009',
                        '\u200A',
                        '\u3000' -> out.append(' ');
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

    /** Named HTML entities that scraped news text carries (English and French typography). */
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("quot", "\""),
            Map.entry("apos", "'"),
            Map.entry("nbsp", "\u00A0"),
            Map.entry("rsquo", "\u2019"),
            Map.entry("lsquo", "\u2018"),
            Map.entry("rdquo", "\u201D"),
            Map.entry("ldquo", "\u201C"),
            Map.entry("laquo", "\u00AB"),
            Map.entry("raquo", "\u00BB"),
            Map.entry("hellip", "\u2026"),
            Map.entry("mdash", "\u2014"),
            Map.entry("ndash", "\u2013"),
            Map.entry("eacute", "\u00E9"),
            Map.entry("egrave", "\u00E8"),
            Map.entry("ecirc", "\u00EA"),
            Map.entry("euml", "\u00EB"),
            Map.entry("agrave", "\u00E0"),
            Map.entry("acirc", "\u00E2"),
            Map.entry("ccedil", "\u00E7"),
            Map.entry("ocirc", "\u00F4"),
            Map.entry("icirc", "\u00EE"),
            Map.entry("iuml", "\u00EF"),
            Map.entry("ucirc", "\u00FB"),
            Map.entry("ugrave", "\u00F9"),
            Map.entry("oelig", "\u0153"),
            Map.entry("Eacute", "\u00C9"),
            Map.entry("Egrave", "\u00C8"),
            Map.entry("Agrave", "\u00C0"),
            Map.entry("Ccedil", "\u00C7"),
            Map.entry("copy", "\u00A9"),
            Map.entry("reg", "\u00AE"),
            Map.entry("trade", "\u2122"),
            Map.entry("deg", "\u00B0"),
            Map.entry("euro", "\u20AC"),
            Map.entry("middot", "\u00B7"),
            Map.entry("bull", "\u2022"),
            Map.entry("shy", "\u00AD"),
            Map.entry("zwnj", "\u200C"),
            Map.entry("thinsp", "\u2009"));

    /**
     * Decodes HTML character references (named ones from a fixed table, {@code &#233;}, {@code &#xE9;})
     * in one left-to-right pass; anything else starting with '&' is left as it is.
     */
    static String decodeEntities(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i + 2) : -1;
            if (semi > 0 && semi - i <= 10) {
                String name = s.substring(i + 1, semi);
                String rep = name.startsWith("#") ? numeric(name.substring(1)) : ENTITIES.get(name);
                if (rep != null) {
                    out.append(rep);
                    i = semi + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String numeric(String digits) {
        try {
            int cp = digits.startsWith("x") || digits.startsWith("X")
                    ? Integer.parseInt(digits.substring(1), 16)
                    : Integer.parseInt(digits);
            return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Collapses all whitespace runs (newlines included) to single spaces and trims. */
    public static String collapseSpaces(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
