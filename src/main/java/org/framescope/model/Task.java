package org.framescope.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One prediction task of a label scheme, e.g. the multi-label {@code frames} or the single-label
 * {@code stance_west}. Label order is significant: it is the order of the network's output units.
 *
 * <p><b>Thread-safety:</b> immutable (labels and descriptions are copied), safe to share.
 *
 * @param name         the task's name, also the default name of its CSV column
 * @param type         multi-label (any subset of the labels) or single-label (exactly one)
 * @param labels       the labels, in order; not empty, distinct, not blank, without {@code ;} or
 *                     {@code :}; a single-label task needs at least two
 * @param descriptions a short description per label (null is taken as none; labels may be missing)
 * @param neutral for single-label tasks, the label meaning "no stance" (used to derive an article's
 *                label from its paragraphs); null when the task has none
 */
public record Task(String name, TaskType type, List<String> labels, Map<String, String> descriptions, String neutral) {

    /**
     * Checks the task and copies its collections.
     *
     * @throws IllegalArgumentException if the labels are empty, repeated, blank or contain
     *                                  {@code ;} or {@code :}, a single-label task has fewer than
     *                                  two, or {@code neutral} is not one of them
     * @throws NullPointerException if {@code name}, {@code type} or {@code labels} is null, or
     *                              {@code labels} contains null
     */
    public Task {
        Objects.requireNonNull(name, "task name");
        Objects.requireNonNull(type, "task type");
        labels = List.copyOf(labels);
        descriptions = descriptions == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
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
            throw new IllegalArgumentException(
                    "task '" + name + "': neutral label '" + neutral + "' is not one of its labels");
        }
        for (String l : labels) {
            if (l.isBlank() || l.contains(";") || l.contains(":")) {
                throw new IllegalArgumentException(
                        "task '" + name + "': label '" + l + "' may not be blank or contain ';' or ':'");
            }
        }
    }

    /**
     * Whether the task is multi-label. Never throws.
     *
     * @return true for {@link TaskType#MULTI_LABEL}
     */
    public boolean multiLabel() {
        return type == TaskType.MULTI_LABEL;
    }

    /**
     * The number of labels (and of the network's output units for this task). Never throws.
     *
     * @return the number of labels
     */
    public int size() {
        return labels.size();
    }

    /**
     * A label's position. Never throws.
     *
     * @param label a label
     * @return its index in {@link #labels()}, or -1 when the task has no such label
     */
    public int indexOf(String label) {
        return labels.indexOf(label);
    }
}
