package org.framescope.result;

import java.util.List;
import java.util.Map;

/**
 * One task's outcome for a paragraph or an article. Immutable and thread-safe.
 *
 * @param task   the task's name, as in the model's scheme
 * @param labels predicted labels (exactly one for a single-label task), in scheme order
 * @param scores calibrated probability of every label, in scheme order, rounded to 4 decimals
 */
public record TaskResult(String task, List<String> labels, Map<String, Double> scores) {
    /**
     * Copies the collections into unmodifiable ones (the map keeps its iteration order).
     *
     * @param task   the task's name
     * @param labels predicted labels
     * @param scores calibrated probability of every label
     * @throws NullPointerException if {@code labels} or {@code scores} is null, or {@code labels} holds null
     */
    public TaskResult {
        labels = List.copyOf(labels);
        scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    }
}
