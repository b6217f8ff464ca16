package org.framescope.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.framescope.corpus.NearDuplicates;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    private final Segmenter seg = Segmenter.defaults();

    @Test
    void dropsScrapedBoilerplateAndKeepsParagraphs() {
        String text = """
                Mali signs a new defence accord with its eastern partner

                Show More
                BAMAKO - The transitional government signed a defence cooperation accord on Tuesday, officials said.

                Share on Facebook  Share on X  WhatsApp
                The accord covers training and the delivery of helicopters.
                Back to top button
                Read more: Drought hits millet harvest in the north
                This site uses cookies to improve your experience. Accept  Read more
                Home | Politics | Society | Economy | Sport
                """;
        SegmentedArticle a = seg.segment(text);
        assertThat(a.texts())
                .containsExactly(
                        "Mali signs a new defence accord with its eastern partner",
                        "BAMAKO - The transitional government signed a defence cooperation accord on Tuesday, officials said.",
                        "The accord covers training and the delivery of helicopters.");
        assertThat(a.paragraphs().get(0).title()).isTrue();
        assertThat(a.paragraphs().get(1).title()).isFalse();
        assertThat(a.droppedLines()).hasSize(6).contains("Show More", "Back to top button");
        assertThat(a.language()).isEqualTo("en");
    }

    @Test
    void splitsOnSingleNewlinesWhenThereAreNoBlankLines() {
        SegmentedArticle a = seg.segment("Title here\nFirst paragraph of the story.\nSecond paragraph of the story.");
        assertThat(a.texts()).hasSize(3);
    }

    @Test
    void joinsHardWrappedLinesWithinBlankLineSeparatedBlocks() {
        SegmentedArticle a =
                seg.segment("A title\n\nThis sentence is wrapped\nacross two lines.\n\nAnother paragraph.");
        assertThat(a.texts())
                .containsExactly("A title", "This sentence is wrapped across two lines.", "Another paragraph.");
    }

    @Test
    void keepsLongParagraphsThatMentionCookiesOrSharing() {
        String p =
                "Traders in the capital say they share the view of economists that the new cookie factory, built with "
                        + "investment from abroad, will not offset the cost of the sanctions imposed by the regional bloc last year.";
        assertThat(seg.segment(p).texts()).containsExactly(p);
        assertThat(seg.boilerplate().isBoilerplate("Share this article: Facebook | X | WhatsApp | Email"))
                .isTrue();
        assertThat(seg.boilerplate().isBoilerplate("Lire aussi : Dakar : les embouteillages de la VDN"))
                .isTrue();
        assertThat(seg.boilerplate().isBoilerplate("Accueil › International › Europe"))
                .isTrue();
        assertThat(seg.boilerplate().isBoilerplate("The minister said the talks would resume in May."))
                .isFalse();
        assertThat(seg.boilerplate().isBoilerplate("Comments (14) · Sign in to join the conversation"))
                .isTrue();
        assertThat(seg.boilerplate().isBoilerplate("Posted in Ethiopia, Media | 14 Comments"))
                .isTrue();
        assertThat(seg.boilerplate().isBoilerplate("Opinion | Why the ceasefire talks keep failing"))
                .isFalse();
    }

    @Test
    void normalisesUnicodeAndWhitespace() {
        String raw = "Le\u00A0ministre\u200B a\tparlé\r\nde la CEDEAO.";
        assertThat(seg.segment(raw).texts()).containsExactly("Le ministre a parlé", "de la CEDEAO.");
        assertThat(seg.normalizeParagraph("  e\u0301te\u0301  \n été ")).isEqualTo("été été");
    }

    @Test
    void guessesLanguages() {
        assertThat(
                        LanguageGuesser.guess(
                                "Le gouvernement de transition a annoncé que les instructeurs russes sont arrivés dans la capitale."))
                .isEqualTo("fr");
        assertThat(LanguageGuesser.guess(
                        "The transitional government said that the instructors had arrived in the capital."))
                .isEqualTo("en");
        assertThat(LanguageGuesser.guess("أعلنت الحكومة الانتقالية وصول المدربين"))
                .isEqualTo("ar");
        assertThat(LanguageGuesser.guess("12345 !!!")).isEqualTo("und");
    }

    @Test
    void emptyAndBoilerplateOnlyTextsGiveNoParagraphs() {
        assertThat(seg.segment("").paragraphs()).isEmpty();
        assertThat(seg.segment("Show More\nBack to top button\n").paragraphs()).isEmpty();
    }

    @Test
    void findsNearDuplicates() {
        var pairs = NearDuplicates.find(
                java.util.List.of(
                        "the minister met the envoy in the capital on monday to discuss the border",
                        "the minister met the envoy in the capital on monday to discuss trade",
                        "a completely different paragraph about drought and harvests in the north of the country"),
                0.5);
        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0).a()).isZero();
        assertThat(pairs.get(0).b()).isEqualTo(1);
    }

    /** Text of any shape up to the length limit segments in linear time (a quadratic regex once took a minute). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"block", "words", "distinct-words", "emoji"})
    void segmentsTwoHundredThousandCharactersQuickly(String shape) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 200_000) {
            switch (shape) {
                case "block" -> sb.append("word ");
                case "words" -> sb.append("word\n");
                case "distinct-words" -> sb.append("w").append(sb.length()).append('\n');
                default -> sb.append("\uD83D\uDE00 ");
            }
        }
        long t0 = System.nanoTime();
        SegmentedArticle a = seg.segment(sb.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(a.paragraphs().size() + a.droppedLines().size()).isPositive();
        assertThat(a.paragraphs())
                .hasSizeLessThanOrEqualTo(Segmenter.MAX_PARAGRAPHS); // one word per line is merged under the cap
        assertThat(seconds)
                .as("seconds to segment 200,000 characters of shape " + shape)
                .isLessThan(10.0); // linear: a quadratic pass took 48-84 s on 150,000 characters
    }

    @Test
    void mergesNeighboursOnlyWhenAnArticleHasMoreParagraphsThanTheCap() {
        List<Segment> few = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> new Segment(i, "p" + i, i == 0))
                .toList();
        assertThat(Segmenter.capParagraphs(few, 10)).isSameAs(few);
        List<Segment> many = new java.util.ArrayList<>();
        for (int i = 0; i < 95; i++) {
            many.add(new Segment(
                    i, i % 10 == 0 ? "a long paragraph number " + i + " that stands alone" : "w" + i, i == 0, null));
        }
        List<Segment> capped = Segmenter.capParagraphs(many, 10);
        assertThat(capped).hasSizeLessThanOrEqualTo(10);
        // Nothing is lost or reordered: the merged texts read as the originals joined by spaces.
        assertThat(String.join(" ", capped.stream().map(Segment::text).toList()))
                .isEqualTo(String.join(" ", many.stream().map(Segment::text).toList()));
        assertThat(capped)
                .extracting(Segment::index)
                .containsExactly(java.util.stream.IntStream.range(0, capped.size())
                        .boxed()
                        .toArray(Integer[]::new));
    }

    @Test
    void decodesHtmlEntities() {
        SegmentedArticle a = seg.segment(
                "Trade &amp; aid: the minister&rsquo;s &laquo;&nbsp;new deal&nbsp;&raquo;\n\nIt&#39;s signed &#x2014; for now.");
        assertThat(a.texts())
                .containsExactly(
                        "Trade & aid: the minister\u2019s \u00AB new deal \u00BB", "It's signed \u2014 for now.");
        assertThat(TextNormalizer.decodeEntities("AT&T &bogus; & &#99999999;")).isEqualTo("AT&T &bogus; & &#99999999;");
    }

    @Test
    void sectionHeadingsBecomeContextOfTheParagraphBelow() {
        String text =
                "Sahel states sign a joint air command\n\nThe accord was signed on Monday.\n\nWhat the deal covers\n\n"
                        + "It covers radar sharing and pilot training.\n\nThe view from Abuja\nOfficials there were cautious.";
        SegmentedArticle a = seg.segment(text);
        assertThat(a.paragraphs()).hasSize(4);
        assertThat(a.paragraphs().get(2).heading()).isEqualTo("What the deal covers");
        assertThat(a.paragraphs().get(3).heading()).isEqualTo("The view from Abuja");
        assertThat(a.texts().get(3)).isEqualTo("The view from Abuja\nOfficials there were cautious.");
        // a hard-wrapped sentence continues in lower case: it is not a heading
        assertThat(seg.segment("A title\n\nThe talks were said to\nresume next week.")
                        .texts())
                .containsExactly("A title", "The talks were said to resume next week.");
    }
}
