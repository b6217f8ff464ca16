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

    /** Lines with more words than this are never treated as boilerplate. */
    static final int MAX_WORDS = 16;

    private final List<Pattern> patterns;
    private final String rulesVersion;

    private BoilerplateFilter(List<Pattern> patterns, String rulesVersion) {
        this.patterns = List.copyOf(patterns);
        this.rulesVersion = rulesVersion;
    }

    public static BoilerplateFilter defaults() {
        try (InputStream in = BoilerplateFilter.class.getResourceAsStream("boilerplate.txt")) {
            if (in == null) {
                throw new IllegalStateException("boilerplate.txt missing from the classpath");
            }
            List<Pattern> ps = new ArrayList<>();
            String version = "unversioned";
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String t = line.strip();
                if (t.startsWith("#version ")) {
                    version = t.substring(9).strip();
                } else if (!t.isEmpty() && !t.startsWith("#")) {
                    ps.add(Pattern.compile(t, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                }
            }
            return new BoilerplateFilter(ps, version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String rulesVersion() {
        return rulesVersion;
    }

    public int ruleCount() {
        return patterns.size();
    }

    /** True when the (already normalised) line is page chrome rather than article content. */
    public boolean isBoilerplate(String line) {
        String t = TextNormalizer.collapseSpaces(line);
        if (t.isEmpty()) {
            return true;
        }
        if (t.split(" ").length > MAX_WORDS) {
            return false;
        }
        // Lines made only of symbols, digits and punctuation (separators, "1 2 3 Next", "| | |").
        if (t.codePoints().noneMatch(Character::isLetter)) {
            return true;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        for (Pattern p : patterns) {
            if (p.matcher(lower).find()) {
                return true;
            }
        }
        return false;
    }
}
