package org.framescope.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.framescope.util.FrameScopeException;
import org.junit.jupiter.api.Test;

class CacheDirsTest {

    @Test
    void propertyThenEnvironmentThenHome() {
        assertThat(CacheDirs.root("/p", "/e", "/h")).isEqualTo(Path.of("/p"));
        assertThat(CacheDirs.root(" ", "/e", "/h")).isEqualTo(Path.of("/e"));
        assertThat(CacheDirs.root(null, null, "/h")).isEqualTo(Path.of("/h", ".cache", "framescope"));
    }

    /** Regression (#9): without a home the cache went to ./?/.cache/framescope, or failed with a bare exception. */
    @Test
    void noHomeSaysWhichSettingToUse() {
        for (String home : new String[] {null, "", "?"}) {
            assertThatThrownBy(() -> CacheDirs.root(null, "", home))
                    .isInstanceOf(FrameScopeException.class)
                    .hasMessageContaining("no home directory")
                    .hasMessageContaining("-Dframescope.cache=DIR")
                    .hasMessageContaining("FRAMESCOPE_CACHE=DIR");
        }
    }
}
