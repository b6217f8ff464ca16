package org.framescope;

import java.util.List;
import java.util.Map;

/**
 * One task's outcome for a paragraph or an article.
 *
 * @param labels predicted labels (exactly one for a single-label task), in scheme order
 * @param scores calibrated probability of every label, in scheme order
 */
public record TaskResult(String task, List<String> labels, Map<String, Double> scores) {
    public TaskResult {
        labels = List.copyOf(labels);
        scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    }
}
