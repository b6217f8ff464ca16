package org.framescope.text;

/**
 * The one length limit on an input text, and the one check of it, shared by the corpus reader,
 * the facade, the text-file reader and few-shot examples, so every entry point refuses the same
 * texts with the same words. The HTTP server checks its request fields itself, since its message
 * names the JSON field and maps to status 413.
 */
public final class TextLimits {

    /** Texts longer than this are refused by default (a 5 MB "paragraph" is almost always a broken export). */
    public static final int DEFAULT_MAX_CHARS = 200_000;

    private TextLimits() {}

    /**
     * Checks a text's length against a limit.
     *
     * @param text     a text, possibly null (null passes: emptiness is checked elsewhere)
     * @param maxChars the limit in characters
     * @return null when the text is within the limit, else a one-line reason naming the option that
     *         raises the limit
     */
    public static String overLimit(CharSequence text, long maxChars) {
        if (text == null || text.length() <= maxChars) {
            return null;
        }
        return "text is " + text.length() + " characters, over the limit of " + maxChars + " (--max-chars)";
    }
}
