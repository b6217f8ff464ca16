package org.framescope;

import java.util.List;
import java.util.Map;
import org.framescope.model.LabelScheme;
import org.framescope.model.Task;
import org.framescope.model.TaskType;

/** Small label schemes for tests. */
public final class TestSchemes {

    private TestSchemes() {}

    /** frames (a, b, c) multi-label + stance (favor, against, none) single-label. */
    public static LabelScheme tiny() {
        return new LabelScheme(
                "tiny",
                List.of(
                        new Task("frames", TaskType.MULTI_LABEL, List.of("a", "b", "c"), Map.of("a", "frame a"), null),
                        new Task(
                                "stance",
                                TaskType.SINGLE_LABEL,
                                List.of("favor", "against", "none"),
                                Map.of(),
                                "none")));
    }
}
