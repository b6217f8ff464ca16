package org.framescope.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-task calibration and thresholds for paragraphs and for articles. */
public record DecisionRules(Map<String, TaskDecision> paragraph, Map<String, TaskDecision> article) {

    /** Copies both maps, keeping their order. */
    public DecisionRules {
        paragraph = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(paragraph));
        article = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(article));
    }

    /**
     * Rules that leave every task of the scheme uncalibrated (identity calibration, default thresholds) at
     * both levels.
     */
    public static DecisionRules identity(LabelScheme scheme) {
        Map<String, TaskDecision> m = new LinkedHashMap<>();
        scheme.tasks().forEach(t -> m.put(t.name(), TaskDecision.identity(t)));
        return new DecisionRules(m, m);
    }

    /**
     * The decision for a task at a level.
     *
     * @return the task's decision, or null when the rules have none for it
     */
    public TaskDecision forLevel(Level level, String task) {
        return (level == Level.PARAGRAPH ? paragraph : article).get(task);
    }
}
