package org.framescope.eval;

import org.framescope.model.Level;

import java.util.List;

/** Every task's {@link TaskScores} over the items of one level (paragraphs or articles). */
public record LevelScores(Level level, List<EvalItem> items, List<TaskScores> tasks) {

    public LevelScores {
        items = List.copyOf(items);
        tasks = List.copyOf(tasks);
        for (TaskScores t : tasks) {
            if (t.size() != items.size()) {
                throw new IllegalArgumentException("task " + t.task().name() + " has " + t.size() + " rows for " + items.size() + " items");
            }
        }
    }

    public String name() {
        return level.wireName();
    }

    public LevelScores subset(int[] idx) {
        List<EvalItem> it = new java.util.ArrayList<>();
        for (int i : idx) {
            it.add(items.get(i));
        }
        return new LevelScores(level, it, tasks.stream().map(t -> t.subset(idx)).toList());
    }

    public List<TaskMetrics> metrics() {
        return tasks.stream().map(t -> t.metrics(name())).toList();
    }
}
