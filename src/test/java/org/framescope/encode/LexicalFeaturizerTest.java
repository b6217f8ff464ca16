package org.framescope.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.framescope.util.Hashing;
import org.junit.jupiter.api.Test;

class LexicalFeaturizerTest {

    private final LexicalConfig cfg = LexicalConfig.defaults();
    private final LexicalFeaturizer f = LexicalFeaturizer.fit(
            cfg,
            List.of(
                    "the junta expelled the french ambassador",
                    "the junta signed a deal with russia",
                    "drought hits the north"));

    @Test
    void blocksAreUnitNormAndIndicesSortedInRange() {
        SparseVector v = f.transform("The junta expelled the French ambassador on Monday.");
        double word = 0, chars = 0;
        for (int i = 0; i < v.nnz(); i++) {
            assertThat(v.indices()[i]).isBetween(0, cfg.dim() - 1);
            if (i > 0) {
                assertThat(v.indices()[i]).isGreaterThan(v.indices()[i - 1]);
            }
            double sq = v.values()[i] * v.values()[i];
            if (v.indices()[i] < cfg.wordBuckets()) word += sq;
            else chars += sq;
        }
        assertThat(word).isCloseTo(0.5, within(1e-5));
        assertThat(chars).isCloseTo(0.5, within(1e-5));
    }

    @Test
    void isDeterministicAndFoldsAccentsAndCase() {
        SparseVector a = f.transform("Sécurité et souveraineté");
        SparseVector b = f.transform("SECURITE et souverainete");
        assertThat(a.indices()).isEqualTo(b.indices());
        assertThat(a.values()).isEqualTo(b.values());
    }

    @Test
    void rarerTermsGetHigherIdf() {
        float[] idf = f.idf();
        int the = (int) Math.floorMod(Hashing.fnv1a64("w1:the"), (long) cfg.wordBuckets());
        int drought = (int) Math.floorMod(Hashing.fnv1a64("w1:drought"), (long) cfg.wordBuckets());
        assertThat(idf[drought]).isGreaterThan(idf[the]);
        assertThat(f.transform("").nnz()).isZero();
    }

    @Test
    void aWordRemovedFromTheTextOrFromItsWordListGivesTheSameVector() {
        LexicalConfig cfg = LexicalConfig.defaults();
        String text = "L'armée a reçu des instructeurs. Les instructeurs russes forment l'armée malienne.";
        LexicalFeaturizer f = LexicalFeaturizer.fit(cfg, java.util.List.of(text, "Autre texte sans rapport."));
        java.util.List<String> words = LexicalFeaturizer.words(cfg, text);
        assertThat(words).contains("instructeurs", "l'armee");
        java.util.Map<String, int[]> memo = new java.util.HashMap<>();
        for (String w : java.util.List.of("instructeurs", "l'armee", "malienne")) {
            String without = LexicalFeaturizer.withoutWord(cfg, text, w);
            assertThat(LexicalFeaturizer.words(cfg, without)).doesNotContain(w);
            SparseVector expected = f.transform(without);
            SparseVector viaWords =
                    f.transformWords(words.stream().filter(x -> !x.equals(w)).toList(), memo);
            assertThat(viaWords.indices()).isEqualTo(expected.indices());
            assertThat(viaWords.values()).isEqualTo(expected.values());
        }
    }
}
