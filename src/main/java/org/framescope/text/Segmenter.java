package org.framescope.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw (often scraped) article text into paragraphs: normalise, drop boilerplate lines, split
 * on blank lines (or on single newlines when the text has no blank lines, as scraped pages often
 * put one paragraph per line), and mark a leading headline. Training, evaluation and inference all
 * go through this one class.
 */
public final class Segmenter {

    /** A first paragraph shorter than this with no closing full stop is taken as the headline. */
    private static final int MAX_TITLE_CHARS = 250;

    private final BoilerplateFilter boilerplate;

    public Segmenter(BoilerplateFilter boilerplate) {
        this.boilerplate = boilerplate;
    }

    public static Segmenter defaults() {
        return new Segmenter(BoilerplateFilter.defaults());
    }

    public BoilerplateFilter boilerplate() {
        return boilerplate;
    }

    /** Segments a whole article. */
    public SegmentedArticle segment(String rawText) {
        String text = TextNormalizer.normalize(rawText);
        String[] lines = text.split("\n", -1);
        boolean blankSeparated = text.matches("(?s).*\\S.*\\n[ ]*\\n.*\\S.*");
        List<String> dropped = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : lines) {
            String t = TextNormalizer.collapseSpaces(line);
            if (t.isEmpty()) {
                flush(block, paragraphs);
                continue;
            }
            if (boilerplate.isBoilerplate(t)) {
                dropped.add(t);
                // A chrome line ends the paragraph before it, so "...text\nShare\nmore text" stays split.
                flush(block, paragraphs);
                continue;
            }
            if (!blankSeparated) {
                flush(block, paragraphs);
            }
            if (block.length() > 0) {
                block.append(' ');
            }
            block.append(t);
        }
        flush(block, paragraphs);
        List<Segment> segments = new ArrayList<>(paragraphs.size());
        for (int i = 0; i < paragraphs.size(); i++) {
            String p = paragraphs.get(i);
            segments.add(new Segment(i, p, i == 0 && paragraphs.size() > 1 && looksLikeTitle(p)));
        }
        return new SegmentedArticle(segments, dropped, LanguageGuesser.guess(text));
    }

    /** Normalises a text that is already one paragraph (a CSV row of a paragraph-level file). */
    public String normalizeParagraph(String raw) {
        return TextNormalizer.collapseSpaces(TextNormalizer.normalize(raw));
    }

    private static void flush(StringBuilder block, List<String> out) {
        if (block.length() > 0) {
            out.add(block.toString());
            block.setLength(0);
        }
    }

    static boolean looksLikeTitle(String p) {
        if (p.length() > MAX_TITLE_CHARS) {
            return false;
        }
        char last = p.charAt(p.length() - 1);
        return last != '.' || p.endsWith("...");
    }
}
