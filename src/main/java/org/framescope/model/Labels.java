package org.framescope.model;

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

    public Labels {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        byTask.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        byTask = Collections.unmodifiableMap(copy);
    }

    public Set<String> of(String task) {
        return byTask.getOrDefault(task, Set.of());
    }

    public boolean has(String task) {
        return byTask.containsKey(task);
    }
}
