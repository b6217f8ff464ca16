package org.framescope.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world page chrome, section headings and look-alike paragraphs (English and French), from
 * {@code scraped-lines.tsv}: chrome is dropped, a heading becomes context of the paragraph below
 * it, and a paragraph stays a paragraph. Each line is placed inside an article to test it in situ.
 */
class ScrapedLinesTest {

    private static final Segmenter SEG = Segmenter.defaults();
    private static final String TITLE = "Regional leaders meet as the rainy season begins";
    private static final String BODY = "The meeting opened on Monday in the capital, officials said.";
    private static final String NEXT = "Delegations from five countries are expected to attend the sessions.";

    static Stream<Arguments> lines() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(ScrapedLinesTest.class.getResourceAsStream("scraped-lines.tsv")),
                StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    String[] kv = l.split("\t", 2);
                    out.add(Arguments.of(kv[0], kv[1]));
                }
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(40);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("lines")
    void lineIsTreatedAsItsKind(String kind, String line) {
        for (String sep : List.of("\n\n", "\n")) {
            String article = String.join(sep, TITLE, BODY, line, NEXT);
            SegmentedArticle a = SEG.segment(article);
            switch (kind) {
                case "chrome" -> {
                    assertThat(a.droppedLines())
                            .as("dropped lines, separator %s", sep.length())
                            .hasSize(1);
                    assertThat(a.texts()).containsExactly(TITLE, BODY, NEXT);
                }
                case "heading" -> {
                    assertThat(a.droppedLines()).isEmpty();
                    assertThat(a.paragraphs()).hasSize(3);
                    assertThat(a.paragraphs().get(2).heading()).isEqualTo(line);
                    assertThat(a.paragraphs().get(2).text()).isEqualTo(NEXT);
                    assertThat(a.texts().get(2)).isEqualTo(line + "\n" + NEXT);
                }
                case "text" -> {
                    assertThat(a.droppedLines()).isEmpty();
                    assertThat(a.texts()).containsExactly(TITLE, BODY, line, NEXT);
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
    }
}
