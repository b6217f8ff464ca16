package org.framescope.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Gold labels of one text unit: for each task the set of its labels (exactly one for a single-label
 * task). A task missing from the map is unlabelled for this unit.
 */
public record Labels(Map<String, Set<String>> byTask) {

    /** Copies the map and every label set, keeping their order. */
    public Labels {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        byTask.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        byTask = Collections.unmodifiableMap(copy);
    }

    /**
     * The labels of a task for this unit.
     *
     * @return the set, empty when the task is unlabelled here
     */
    public Set<String> of(String task) {
        return byTask.getOrDefault(task, Set.of());
    }

    /** Whether this unit is labelled for the task. */
    public boolean has(String task) {
        return byTask.containsKey(task);
    }
}
