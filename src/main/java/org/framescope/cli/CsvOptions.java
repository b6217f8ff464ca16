package org.framescope.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.framescope.io.CsvColumns;
import picocli.CommandLine.Option;

/** Column-name options shared by commands that read CSV. */
public class CsvOptions {

    @Option(
            names = "--text-column",
            paramLabel = "NAME",
            defaultValue = "text",
            description = "Text column (default: ${DEFAULT-VALUE}).")
    String text;

    @Option(
            names = "--id-column",
            paramLabel = "NAME",
            defaultValue = "id",
            description = "Id column (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(
            names = "--task-column",
            paramLabel = "TASK=COLUMN",
            description = "Read task TASK from column COLUMN (repeatable), e.g. frames=Frames.")
    Map<String, String> taskColumns = new LinkedHashMap<>();

    CsvColumns columns() {
        return CsvColumns.defaults().withText(text).withId(id).withTaskColumns(taskColumns);
    }
}
