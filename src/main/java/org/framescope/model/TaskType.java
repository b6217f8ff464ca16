package org.framescope.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a task assigns labels: any subset of its labels, or exactly one. */
public enum TaskType {
    MULTI_LABEL("multi_label"),
    SINGLE_LABEL("single_label");

    private final String wireName;

    TaskType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in scheme.json and manifests. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * The task type with that wire name (as in scheme.json).
     *
     * @throws IllegalArgumentException if the name is neither multi_label nor single_label
     */
    @JsonCreator
    public static TaskType fromWireName(String name) {
        for (TaskType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task type '" + name + "' (expected multi_label or single_label)");
    }
}
