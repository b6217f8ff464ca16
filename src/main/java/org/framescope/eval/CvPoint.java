package org.framescope.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.framescope.model.Level;

/**
 * The cross-validated metrics at one training-data fraction: every task's headline metrics
 * ({@link TaskMetrics#headline()}) and the mean macro-F1 over tasks and levels ("all", "mean_macro_f1"),
 * summarised over folds.
 */
public record CvPoint(double fraction, double meanTrainArticles, List<MetricSummary> metrics) {

    /** Copies the metric list. */
    public CvPoint {
        metrics = List.copyOf(metrics);
    }

    /**
     * Summarises the folds' runs at one training-data fraction: every headline metric and the mean
     * macro-F1, each over folds.
     */
    public static CvPoint of(double fraction, List<CvRun> runs) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (CvRun r : runs) {
            for (Level level : Level.values()) {
                for (TaskMetrics t : r.evaluation().level(level)) {
                    t.headline().forEach((name, v) -> {
                        String key = level + "\u0000" + t.task() + "\u0000" + name;
                        keys.putIfAbsent(key, new String[] {level.wireName(), t.task(), name});
                        values.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
                    });
                }
            }
            keys.putIfAbsent("all", new String[] {"all", "all", "mean_macro_f1"});
            values.computeIfAbsent("all", k -> new ArrayList<>())
                    .add(r.evaluation().selectionScore());
        }
        List<MetricSummary> out = new ArrayList<>();
        keys.forEach((key, k) -> out.add(MetricSummary.of(k[0], k[1], k[2], values.get(key))));
        return new CvPoint(
                fraction, runs.stream().mapToInt(CvRun::trainArticles).average().orElse(0), out);
    }

    /** The summary of one metric of one task at one level, or empty when this point has none. */
    public java.util.Optional<MetricSummary> metric(String level, String task, String metric) {
        return metrics.stream()
                .filter(m -> m.level().equals(level)
                        && m.task().equals(task)
                        && m.metric().equals(metric))
                .findFirst();
    }
}
