package org.framescope.eval;

import java.util.List;

/**
 * A model's calibrated scores and decisions next to the gold labels of one data set, per level
 * (paragraph level first, when evaluated). Metrics, error lists and comparisons are computed from it.
 */
public record Predictions(String model, String data, int articles, int paragraphs, List<LevelScores> levels) {

    /** Copies the list of levels. */
    public Predictions {
        levels = List.copyOf(levels);
    }

    /**
     * The scores at the level of that name ({@code paragraph} or {@code article}), or empty when it is not
     * covered.
     */
    public java.util.Optional<LevelScores> level(String name) {
        return levels.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
