package org.framescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.framescope.model.Level;
import org.framescope.result.ArticleInput;
import org.framescope.result.ArticleResult;
import org.framescope.result.Explanation;
import org.framescope.server.TinyModel;
import org.framescope.train.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Occlusion explanations on the tiny lexical model, whose frame "a" is carried by one planted word. */
class ExplanationTest {

    static FrameScope fs;

    @BeforeAll
    static void load() {
        fs = FrameScope.open(TinyModel.bundle(), FrameScope.Options.defaults(), null);
    }

    @AfterAll
    static void close() {
        fs.close();
    }

    /** Filler paragraphs from the training vocabulary, and one whose second sentence carries frame a. */
    static String article() {
        // Paragraphs of an article without any planted signal.
        List<String> filler = SyntheticData.articles(50, 4, 99).stream()
                .filter(a -> a.frames().isEmpty() && a.stanceParagraph() < 0)
                .findFirst()
                .orElseThrow()
                .paragraphs();
        String planted = "Several plain words open this paragraph here. The " + SyntheticData.FRAME_SIGNALS[0]
                + " arrived near the old river bank. Other plain words close it.";
        return filler.get(0) + "\n\n" + planted + "\n\n" + filler.get(1);
    }

    @Test
    void thePlantedSentenceAndTermComeFirst() {
        ArticleResult r =
                fs.explainArticles(List.of(new ArticleInput("x", article()))).get(0);
        assertThat(r.tasks().get("frames").labels()).contains("a");
        Explanation e = r.explanations().stream()
                .filter(x -> x.level() == Level.ARTICLE && x.label().equals("a"))
                .findFirst()
                .orElseThrow();
        assertThat(e.paragraph()).isEqualTo(1);
        assertThat(e.sentences().get(0).text()).contains(SyntheticData.FRAME_SIGNALS[0]);
        assertThat(e.sentences().get(0).weight())
                .isGreaterThan(e.sentences().get(1).weight());
        assertThat(e.terms().get(0).term()).isEqualTo(SyntheticData.FRAME_SIGNALS[0]);
        assertThat(e.terms().get(0).block()).isEqualTo("lexical");
        assertThat(e.terms().get(0).weight()).isPositive();
        // The paragraph label is explained the same way.
        Explanation p = r.explanations().stream()
                .filter(x -> x.level() == Level.PARAGRAPH && x.label().equals("a") && x.paragraph() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(p.sentences().get(0).text()).contains(SyntheticData.FRAME_SIGNALS[0]);
        assertThat(p.terms().get(0).term()).isEqualTo(SyntheticData.FRAME_SIGNALS[0]);
        // Labels and scores are the plain call's; explanations are deterministic.
        ArticleResult plain = fs.classify("x", article());
        assertThat(r.withExplanations(null)).isEqualTo(plain);
        assertThat(fs.explainArticles(List.of(new ArticleInput("x", article()))).get(0))
                .isEqualTo(r);
    }
}
