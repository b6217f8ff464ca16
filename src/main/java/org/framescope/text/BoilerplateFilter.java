package org.framescope.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises lines scraped from web-page chrome (menus, share buttons, "Show More", cookie notices,
 * "Read more: ..." teasers). The rules are data, one case-insensitive regex per line in
 * {@code boilerplate.txt}, so they can be reviewed and extended without touching code.
 * Only short lines are candidates: a real paragraph that happens to mention "cookies" stays.
 */
public final class BoilerplateFilter {

    /** Lines with more words than this are never treated as boilerplate by ordinary rules. */
    static final int MAX_WORDS = 25;
    /** Rules marked {@code long:} (cookie and consent notices) apply to lines up to this many words. */
    static final int MAX_WORDS_LONG = 70;
    /** Menus, breadcrumbs and share bars: short items joined by these separators. */
    private static final Pattern SEPARATORS = Pattern.compile("\\s*[|·•›»>☰→←«]\\s*|\\s{2,}");
    /** The same without guillemets, for lines that quote something (« ... »): there they are quotes, not separators. */
    private static final Pattern SEPARATORS_NO_QUOTES = Pattern.compile("\\s*[|·•›>☰→←]\\s*|\\s{2,}");

    private final List<Pattern> patterns;
    private final List<Pattern> longPatterns;
    private final String rulesVersion;

    private BoilerplateFilter(List<Pattern> patterns, List<Pattern> longPatterns, String rulesVersion) {
        this.patterns = List.copyOf(patterns);
        this.longPatterns = List.copyOf(longPatterns);
        this.rulesVersion = rulesVersion;
    }

    /**
     * The filter with the rules of the bundled {@code boilerplate.txt} resource.
     *
     * @throws IllegalStateException if the resource is missing from the classpath
     * @throws java.io.UncheckedIOException if the resource cannot be read
     */
    public static BoilerplateFilter defaults() {
        try (InputStream in = BoilerplateFilter.class.getResourceAsStream("boilerplate.txt")) {
            if (in == null) {
                throw new IllegalStateException("boilerplate.txt missing from the classpath");
            }
            List<Pattern> ps = new ArrayList<>();
            List<Pattern> longPs = new ArrayList<>();
            String version = "unversioned";
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String t = line.strip();
                    if (t.startsWith("#version ")) {
                        version = t.substring(9).strip();
                    } else if (t.startsWith("long:")) {
                        longPs.add(Pattern.compile(
                                t.substring(5).strip(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                    } else if (!t.isEmpty() && !t.startsWith("#")) {
                        ps.add(Pattern.compile(t, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                    }
                }
            }
            return new BoilerplateFilter(ps, longPs, version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rules' version, from the {@code #version} line of the rules file ({@code unversioned} when it
     * has none).
     */
    public String rulesVersion() {
        return rulesVersion;
    }

    /** The number of rules, ordinary and long ones together. */
    public int ruleCount() {
        return patterns.size() + longPatterns.size();
    }

    /** True when the (already normalised) line is page chrome rather than article content. */
    public boolean isBoilerplate(String line) {
        String t = TextNormalizer.collapseSpaces(line);
        if (t.isEmpty()) {
            return true;
        }
        int words = t.split(" ").length;
        if (words > MAX_WORDS_LONG) {
            return false;
        }
        // Lines made only of symbols, digits and punctuation (separators, "1 2 3 Next", "| | |").
        if (t.codePoints().noneMatch(Character::isLetter)) {
            return true;
        }
        String lower = stripLeadingSymbols(t.toLowerCase(Locale.ROOT));
        if (matchesAny(longPatterns, lower)) {
            return true;
        }
        if (words > MAX_WORDS) {
            return false;
        }
        if (matchesAny(patterns, lower)) {
            return true;
        }
        // Menus, breadcrumbs, share bars: several short items between separators, or a chrome item among them.
        String[] items = (line.indexOf('«') >= 0 ? SEPARATORS_NO_QUOTES : SEPARATORS).split(line.strip());
        List<String> nonEmpty = new ArrayList<>();
        for (String i : items) {
            if (!i.isBlank()) {
                nonEmpty.add(i.strip());
            }
        }
        if (nonEmpty.size() >= 3 && nonEmpty.stream().allMatch(i -> i.split("\\s+").length <= 6)) {
            return true;
        }
        // Two items: chrome only when both are ("Comments (3) | Reply"), so "Opinion | Why the talks failed" stays.
        return nonEmpty.size() == 2
                && nonEmpty.stream()
                        .allMatch(i -> matchesAny(patterns, stripLeadingSymbols(i.toLowerCase(Locale.ROOT))));
    }

    private static boolean matchesAny(List<Pattern> ps, String s) {
        for (Pattern p : ps) {
            if (p.matcher(s).find()) {
                return true;
            }
        }
        return false;
    }

    /** Drops leading emoji, arrows and bullets so "📩 Subscribe..." is judged as "Subscribe...". */
    private static String stripLeadingSymbols(String s) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (Character.isLetterOrDigit(cp) || cp == '©' || cp == '(') {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }
}
