package org.framescope.eval;

import java.util.List;
import java.util.Map;
import org.framescope.model.Level;

/**
 * One wrong decision: an item whose predicted labels for a task differ from its gold labels.
 *
 * @param missed     gold labels not predicted (false negatives)
 * @param extra      predicted labels that are not gold (false positives)
 * @param scores     the task's calibrated score per label, in label order
 * @param errorScore how confidently wrong: the sum of (1 - score) over missed labels and of score
 *                   over extra labels; for a single-label task 1 - score of the gold class
 */
public record ErrorRow(
        Level level,
        EvalItem item,
        String task,
        List<String> gold,
        List<String> predicted,
        List<String> missed,
        List<String> extra,
        Map<String, Double> scores,
        double errorScore) {

    /** Copies the label lists and the score map. */
    public ErrorRow {
        gold = List.copyOf(gold);
        predicted = List.copyOf(predicted);
        missed = List.copyOf(missed);
        extra = List.copyOf(extra);
        scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    }
}
