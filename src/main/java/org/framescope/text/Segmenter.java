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
    /** Section headings are short: at most this many words and characters. */
    static final int MAX_HEADING_WORDS = 10;
    /** At most this many heading lines in a row (a kicker above a heading); longer runs are text. */
    private static final int MAX_HEADING_LINES = 2;

    private static final int MAX_HEADING_CHARS = 90;
    /**
     * Most paragraphs in one article. Segmented text with more (one word per line, a long list) has
     * neighbouring paragraphs merged until it fits, which bounds the network's input whatever the
     * text's shape; paragraphs given ready-made (paragraph-level CSV rows) over it are refused.
     */
    public static final int MAX_PARAGRAPHS = 1000;

    private final BoilerplateFilter boilerplate;

    /** A segmenter that drops the lines this filter marks as boilerplate. */
    public Segmenter(BoilerplateFilter boilerplate) {
        this.boilerplate = boilerplate;
    }

    /** A segmenter with the bundled boilerplate rules ({@link BoilerplateFilter#defaults()}). */
    public static Segmenter defaults() {
        return new Segmenter(BoilerplateFilter.defaults());
    }

    /** The boilerplate filter this segmenter drops lines with. */
    public BoilerplateFilter boilerplate() {
        return boilerplate;
    }

    /** Segments a whole article. Linear in the text's length, whatever its shape. */
    public SegmentedArticle segment(String rawText) {
        String text = TextNormalizer.normalize(rawText);
        String[] lines = text.split("\n", -1);
        boolean blankSeparated = hasBlankLineBetweenText(lines);
        List<String> dropped = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        // Scraped pages repeat their chrome lines: judge each distinct line once (bounded memo).
        java.util.Map<String, Boolean> seen = new java.util.HashMap<>();
        for (String line : lines) {
            String t = TextNormalizer.collapseSpaces(line);
            if (t.isEmpty()) {
                flush(block, blocks);
                continue;
            }
            Boolean chrome = seen.get(t);
            if (chrome == null) {
                chrome = boilerplate.isBoilerplate(t);
                if (seen.size() < 4096) {
                    seen.put(t, chrome);
                }
            }
            if (chrome) {
                dropped.add(t);
                // A chrome line ends the paragraph before it, so "...text\nShare\nmore text" stays split.
                flush(block, blocks);
                continue;
            }
            block.add(t);
            if (!blankSeparated) {
                flush(block, blocks);
            }
        }
        flush(block, blocks);
        return new SegmentedArticle(
                capParagraphs(attachHeadings(blocks), MAX_PARAGRAPHS), dropped, LanguageGuesser.guess(text));
    }

    /**
     * Merges neighbouring segments, in order, until at most {@code max} remain: each merged paragraph
     * takes segments until it holds at least total/(max-1) characters, so the count fits in one pass.
     * Articles within the cap (all real news we have seen) are returned unchanged.
     */
    static List<Segment> capParagraphs(List<Segment> segments, int max) {
        if (segments.size() <= max) {
            return segments;
        }
        long total = 0;
        for (Segment s : segments) {
            total += s.modelText().length() + 1; // + the space that joins it to the next
        }
        long target = total / (max - 1) + 1;
        List<Segment> out = new ArrayList<>(max);
        StringBuilder cur = new StringBuilder();
        Segment alone = null; // the segment cur holds when it holds just one, kept as it was
        for (Segment s : segments) {
            if (cur.isEmpty()) {
                alone = s;
            } else {
                cur.append(' ');
                alone = null;
            }
            cur.append(s.modelText().replace('\n', ' '));
            if (cur.length() >= target) {
                out.add(merged(out.size(), alone, cur));
                cur.setLength(0);
            }
        }
        if (!cur.isEmpty()) {
            out.add(merged(out.size(), alone, cur));
        }
        return out;
    }

    private static Segment merged(int index, Segment alone, StringBuilder text) {
        return alone != null
                ? new Segment(index, alone.text(), alone.title(), alone.heading())
                : new Segment(index, text.toString(), false, null);
    }

    /**
     * Joins a block's lines into one paragraph. A first line that looks like a section heading and is
     * followed by a capitalised line ("Background" / "The talks began...") is a block of its own; a
     * hard-wrapped sentence continues in lower case and stays joined.
     */
    private static void flush(List<String> block, List<String> out) {
        if (block.isEmpty()) {
            return;
        }
        int from = 0;
        if (block.size() > 1
                && looksLikeHeading(block.get(0))
                && startsUpper(block.get(0))
                && startsUpper(block.get(1))) {
            out.add(block.get(0));
            from = 1;
        }
        out.add(String.join(" ", block.subList(from, block.size())));
        block.clear();
    }

    private static boolean startsUpper(String s) {
        int cp = s.codePointAt(0);
        return Character.isUpperCase(cp) || Character.isDigit(cp);
    }

    /**
     * Turns blocks into segments: the first block may be the title; a later heading-like block that
     * is followed by a paragraph becomes that paragraph's heading (consecutive ones are joined).
     */
    private static List<Segment> attachHeadings(List<String> blocks) {
        List<Segment> segments = new ArrayList<>(blocks.size());
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String p = blocks.get(i);
            if (segments.isEmpty() && pending.isEmpty()) {
                segments.add(new Segment(0, p, blocks.size() > 1 && looksLikeTitle(p), null));
                continue;
            }
            if (i + 1 < blocks.size() && looksLikeHeading(p)) {
                pending.add(p);
                if (pending.size() > MAX_HEADING_LINES) {
                    // A run of short lines (a list, a poem, one word per line) is text, not headings.
                    pending.forEach(h -> segments.add(new Segment(segments.size(), h, false, null)));
                    pending.clear();
                }
                continue;
            }
            segments.add(
                    new Segment(segments.size(), p, false, pending.isEmpty() ? null : String.join(" / ", pending)));
            pending.clear();
        }
        return segments;
    }

    /** True when some blank line lies between two lines with text (the article uses blank-line paragraphs). */
    private static boolean hasBlankLineBetweenText(String[] lines) {
        boolean seenText = false, blankAfterText = false;
        for (String l : lines) {
            if (l.isBlank()) {
                blankAfterText = seenText;
            } else if (blankAfterText) {
                return true;
            } else {
                seenText = true;
            }
        }
        return false;
    }

    /** The text the model reads for a paragraph under a section heading (null heading: the paragraph). */
    public static String withHeading(String heading, String paragraph) {
        return heading == null || heading.isBlank() ? paragraph : heading + "\n" + paragraph;
    }

    /** Normalises a text that is already one paragraph (a CSV row of a paragraph-level file). */
    public String normalizeParagraph(String raw) {
        return TextNormalizer.collapseSpaces(TextNormalizer.normalize(raw));
    }

    /**
     * A section heading: a short line (at most {@value #MAX_HEADING_WORDS} words) with a letter and
     * without closing punctuation. Real paragraphs, quotes and list items end with punctuation.
     */
    static boolean looksLikeHeading(String p) {
        if (p.length() > MAX_HEADING_CHARS) {
            return false;
        }
        int words = 1;
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) == ' ' && ++words > MAX_HEADING_WORDS) {
                return false;
            }
        }
        int last = p.codePointBefore(p.length());
        return Character.isLetterOrDigit(last) && p.codePoints().anyMatch(Character::isLetter);
    }

    static boolean looksLikeTitle(String p) {
        if (p.length() > MAX_TITLE_CHARS) {
            return false;
        }
        char last = p.charAt(p.length() - 1);
        return last != '.' || p.endsWith("...");
    }
}
