package org.framescope.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One prediction task of a label scheme, e.g. the multi-label {@code frames} or the single-label
 * {@code stance_west}. Label order is significant: it is the order of the network's output units.
 *
 * @param neutral for single-label tasks, the label meaning "no stance" (used to derive an article's
 *                label from its paragraphs); null when the task has none
 */
public record Task(String name, TaskType type, List<String> labels, Map<String, String> descriptions, String neutral) {

    public Task {
        Objects.requireNonNull(name, "task name");
        Objects.requireNonNull(type, "task type");
        labels = List.copyOf(labels);
        descriptions = descriptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("task '" + name + "' has no labels");
        }
        if (labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("task '" + name + "' repeats a label");
        }
        if (type == TaskType.SINGLE_LABEL && labels.size() < 2) {
            throw new IllegalArgumentException("single-label task '" + name + "' needs at least two labels");
        }
        if (neutral != null && !labels.contains(neutral)) {
            throw new IllegalArgumentException("task '" + name + "': neutral label '" + neutral + "' is not one of its labels");
        }
        for (String l : labels) {
            if (l.isBlank() || l.contains(";") || l.contains(":")) {
                throw new IllegalArgumentException("task '" + name + "': label '" + l + "' may not be blank or contain ';' or ':'");
            }
        }
    }

    public boolean multiLabel() {
        return type == TaskType.MULTI_LABEL;
    }

    public int size() {
        return labels.size();
    }

    public int indexOf(String label) {
        return labels.indexOf(label);
    }
}
