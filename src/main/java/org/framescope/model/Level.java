package org.framescope.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The unit a prediction or a metric is about. Written as its lower-case name everywhere users see it (JSON, reports,
 * CSV), so {@link #toString()} is that name too.
 */
public enum Level {
    PARAGRAPH,
    ARTICLE;

    /** The level's lower-case name, as written in JSON and reports. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }

    /**
     * The level of a lower-case (or any-case) name.
     *
     * @throws IllegalArgumentException for anything but "paragraph" or "article"
     */
    @JsonCreator
    public static Level of(String name) {
        for (Level l : values()) {
            if (l.name().equalsIgnoreCase(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown level '" + name + "' (paragraph or article)");
    }
}
