package org.framescope.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-task calibration and thresholds for paragraphs and for articles. */
public record DecisionRules(Map<String, TaskDecision> paragraph, Map<String, TaskDecision> article) {

    public DecisionRules {
        paragraph = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(paragraph));
        article = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(article));
    }

    public static DecisionRules identity(LabelScheme scheme) {
        Map<String, TaskDecision> m = new LinkedHashMap<>();
        scheme.tasks().forEach(t -> m.put(t.name(), TaskDecision.identity(t)));
        return new DecisionRules(m, m);
    }

    public TaskDecision forLevel(Level level, String task) {
        return (level == Level.PARAGRAPH ? paragraph : article).get(task);
    }
}
