package org.framescope.eval;

import java.util.List;
import org.framescope.model.Level;

/** Every task's {@link TaskScores} over the items of one level (paragraphs or articles). */
public record LevelScores(Level level, List<EvalItem> items, List<TaskScores> tasks) {

    /**
     * Copies the lists and checks that every task has one row per item.
     *
     * @throws IllegalArgumentException if a task's row count differs from the item count
     */
    public LevelScores {
        items = List.copyOf(items);
        tasks = List.copyOf(tasks);
        for (TaskScores t : tasks) {
            if (t.size() != items.size()) {
                throw new IllegalArgumentException(
                        "task " + t.task().name() + " has " + t.size() + " rows for " + items.size() + " items");
            }
        }
    }

    /** The items at {@code idx}, in that order, with every task's scores for them. */
    public LevelScores subset(int[] idx) {
        List<EvalItem> it = new java.util.ArrayList<>();
        for (int i : idx) {
            it.add(items.get(i));
        }
        return new LevelScores(level, it, tasks.stream().map(t -> t.subset(idx)).toList());
    }

    /** Every task's metrics at this level. */
    public List<TaskMetrics> metrics() {
        return tasks.stream().map(t -> t.metrics(level)).toList();
    }
}
