package org.framescope.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.framescope.io.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSONL reader of {@code predict} (strict UTF-8 through io.TextInput, one JSON value per line) on
 * arbitrary file bytes. A bad file may only end in {@link InputException}; a bad line becomes an error
 * row, so a file that reads has one item per non-blank line.
 */
class JsonlFuzzTest {

    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("framescope-fuzz", ".jsonl");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void readJsonl(byte[] bytes) throws Exception {
        Files.write(FILE, bytes);
        List<?> items;
        try {
            items = PredictCommand.readJsonl(FILE.toString());
        } catch (InputException expected) {
            return;
        }
        assertThat(items).isNotEmpty();
    }
}
