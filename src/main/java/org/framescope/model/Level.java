package org.framescope.model;

import java.util.Locale;

/** The unit a prediction or a metric is about. */
public enum Level {
    PARAGRAPH,
    ARTICLE;

    /** The level's lower-case name, as written in JSON and reports. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
