package org.framescope.encode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CachingEncoderTest {

    @TempDir
    Path dir;

    @Test
    void embedsEachTextOnceAcrossInstancesAndReturnsIdenticalVectors() throws Exception {
        FakeEncoder fake = new FakeEncoder("a".repeat(64), 8);
        CachingEncoder c1 = new CachingEncoder(fake, dir);
        float[][] first = c1.embed(List.of("alpha", "beta", "alpha"));
        assertThat(fake.embedded.get()).isEqualTo(2);
        assertThat(first[0]).isEqualTo(first[2]);
        CachingEncoder c2 = new CachingEncoder(fake, dir);
        float[][] again = c2.embed(List.of("beta", "alpha"));
        assertThat(fake.embedded.get()).isEqualTo(2);
        assertThat(again[0]).isEqualTo(first[1]);
        assertThat(c2.hits()).isEqualTo(2);
    }

    @Test
    void ignoresATornLastRecordAndKeysByEncoder() throws Exception {
        FakeEncoder fake = new FakeEncoder("b".repeat(64), 8);
        new CachingEncoder(fake, dir).embed(List.of("one"));
        try (var s = Files.list(dir)) {
            Path file = s.findFirst().orElseThrow();
            Files.write(file, new byte[]{1, 2, 3}, StandardOpenOption.APPEND);
        }
        CachingEncoder c = new CachingEncoder(fake, dir);
        c.embed(List.of("one"));
        assertThat(c.hits()).isEqualTo(1);
        FakeEncoder other = new FakeEncoder("c".repeat(64), 8);
        new CachingEncoder(other, dir).embed(List.of("one"));
        assertThat(other.embedded.get()).isEqualTo(1);
    }
}
