package org.framescope.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped corpus in data/ against its scheme and requirements, read with the project's own CSV reader. */
class CorpusDataTest {

    static CorpusCard card;

    @BeforeAll
    static void read() throws Exception {
        card = new CorpusCard(Path.of("data"));
    }

    @Test
    void meetsEveryCorpusRequirement() throws Exception {
        // no unknown labels (the reader would have thrown), unique ids, one split per article,
        // every label in every split, minimum counts, < 1% near-duplicates
        assertThat(card.violations()).isEmpty();
    }

    /** The checks read their rules from requirements.json: stricter rules give named violations. */
    @Test
    void stricterRequirementsAreReportedOneByOne(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"scheme.json", "paragraphs.csv", "articles.csv"}) {
            Files.copy(Path.of("data", f), dir.resolve(f));
        }
        Files.writeString(
                dir.resolve("requirements.json"),
                "{\"min_articles\": 100000, \"min_french_share\": 0.9, \"splits\": [\"train\", \"dev\"]}");
        assertThat(new CorpusCard(dir).violations())
                .anySatisfy(v -> assertThat(v).matches("only \\d+ articles \\(need 100000\\)"))
                .anySatisfy(v -> assertThat(v).contains("French articles (need 90%)"))
                .anySatisfy(v -> assertThat(v).contains("has split 'test'"));
    }

    @Test
    void articleTextsSegmentIntoTheLabelledParagraphs() {
        int[] s = card.segmentationAgreement();
        assertThat(s[2]).as("junk lines dropped").isEqualTo(s[3]);
        assertThat(s[4]).as("labelled paragraphs kept").isGreaterThanOrEqualTo(s[5] - 2);
    }

    @Test
    void dataCardNumbersAreTheCommandsOutput() throws Exception {
        String readme = Files.readString(Path.of("data/README.md"));
        String start = "<!-- corpus-card:start -->\n", end = "<!-- corpus-card:end -->";
        String block = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));
        assertThat(block)
                .as("data/README.md statistics: regenerate with ./framescope corpus data")
                .isEqualTo(card.markdown());
    }
}
