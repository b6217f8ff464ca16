package org.framescope.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The model-bundle loader on arbitrary bytes: anything but a valid bundle must end in
 * {@link ModelFormatException}. The seed {@code tiny-lexical.zip} is a real bundle, so mutations start
 * from inside the format: 5 KB, saved by {@link ModelBundle#save} from a {@code Trainer} run on
 * {@code SyntheticData.articles(12, 2, 5)} in {@code TestSchemes.tiny()}, lexical block only with
 * {@code new LexicalConfig(4, 0, 1, 1, 1, false)}, linear heads, one epoch.
 */
class ModelBundleFuzzTest {

    static final String SEED = "ModelBundleFuzzTestInputs/load/tiny-lexical.zip";

    @FuzzTest(maxDuration = "15s")
    void load(byte[] bytes) {
        try {
            ModelBundle b = ModelBundle.load(new ByteArrayInputStream(bytes), "fuzz.zip");
            assertThat(b.manifest()).isNotNull();
        } catch (ModelFormatException expected) {
            // not a usable model
        }
    }

    @Test
    void theSeedIsAValidBundleSoFuzzingStartsInsideTheFormat() throws Exception {
        try (InputStream in = ModelBundleFuzzTest.class.getResourceAsStream(SEED)) {
            assertThat(in).as(SEED).isNotNull();
            ModelBundle b = ModelBundle.load(in, SEED);
            assertThat(b.manifest().scheme().tasks()).isNotEmpty();
        }
    }
}
