package org.framescope.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeaturizerTest {

    private final LexicalFeaturizer lexical = LexicalFeaturizer.fit(
            LexicalConfig.defaults(),
            List.of("the junta expelled the ambassador", "a deal with russia", "drought hits the north"));

    private final List<String> texts = IntStream.range(0, 200)
            .mapToObj(i -> "Paragraph " + i + ": the junta signed a deal " + "with russia ".repeat(i % 7))
            .toList();

    /** The lexical block runs beside the encoder: the features are those of the two run one after the other. */
    @Test
    void pipelinedFeaturesEqualTheBlocksComputedOneAfterTheOther() {
        FakeEncoder enc = new FakeEncoder("sha", 16);
        List<ParagraphFeatures> got = new Featurizer(enc, lexical, 1f).featurize(texts);
        float[][] emb = new FakeEncoder("sha", 16).embed(texts);
        assertThat(got).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            SparseVector want = lexical.transform(texts.get(i));
            assertThat(got.get(i).embedding()).as("embedding %d", i).containsExactly(emb[i]);
            assertThat(got.get(i).lexical().indices()).as("lexical %d", i).containsExactly(want.indices());
            assertThat(got.get(i).lexical().values()).as("lexical %d", i).containsExactly(want.values());
        }
        // Either block alone takes the plain path.
        assertThat(new Featurizer(null, lexical, 1f).featurize(texts).get(3).embedding())
                .isNull();
        assertThat(new Featurizer(enc, null, 1f).featurize(texts).get(3).lexical())
                .isNull();
    }

    @Test
    void aCancelledEncoderStillCancelsTheCall() {
        Featurizer f = new Featurizer(new FakeEncoder("sha", 16), lexical, 1f);
        assertThatThrownBy(() -> f.featurize(texts, () -> true)).isInstanceOf(CancellationException.class);
    }
}
