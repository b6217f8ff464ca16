package org.framescope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framescope.model.LabelScheme;

/** Finds the label scheme for commands that train: an explicit --scheme, else scheme.json beside the data. */
final class SchemeFiles {

    private SchemeFiles() {}

    static LabelScheme read(Path explicit, String dataFile) throws IOException {
        Path p =
                explicit != null ? explicit : Path.of(dataFile).toAbsolutePath().resolveSibling("scheme.json");
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no label scheme: pass --scheme (looked for " + p + ")");
        }
        return LabelScheme.read(p);
    }
}
