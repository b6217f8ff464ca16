package org.framescope.eval;

import java.util.List;
import org.framescope.model.Level;

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
     * The scores at that level, or empty when it is not covered.
     */
    public java.util.Optional<LevelScores> level(Level level) {
        return levels.stream().filter(l -> l.level() == level).findFirst();
    }
}
