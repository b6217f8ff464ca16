package org.framescope.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.framescope.model.Level;

/**
 * All metrics of one task at one level. Multi-label tasks fill {@code samples}, {@code subsetAccuracy}
 * and {@code hammingLoss}; single-label tasks fill {@code accuracy} and {@code confusion}
 * ({@code confusion[gold][predicted]}, in label order). The other fields are null.
 * Calibration: for multi-label tasks every (item, label) probability is one binary forecast; for
 * single-label tasks the forecast is the top class's probability and "correct" is the outcome.
 * {@code curves} holds each label's precision-recall curve and threshold sweep (empty when left out,
 * as in per-language slices and model manifests). {@code emptyFalseAlarm} (multi-label only, null when
 * no item lacks gold labels) is the share of items without any gold label that still get one: how
 * often the model speaks about text where nothing applies (out-of-scope articles).
 *
 * <p><b>Thread-safety:</b> immutable (lists and the confusion matrix are copied in and out), safe
 * to share between threads. Its methods never throw.
 *
 * @param task            the task's name
 * @param type            {@code "multi_label"} or {@code "single_label"}
 * @param level           {@code "paragraph"} or {@code "article"}
 * @param items           number of items (paragraphs or articles) scored
 * @param labels          per-label counts and scores, in the task's label order
 * @param micro           micro averages (multi-label: over every (item, label) decision;
 *                        single-label: each equals the accuracy)
 * @param macro           unweighted mean over labels
 * @param weighted        mean over labels weighted by support
 * @param samples         mean over items (multi-label only, else null)
 * @param subsetAccuracy  share of items whose label set is exactly right (multi-label only, else null)
 * @param hammingLoss     share of wrong (item, label) decisions (multi-label only, else null)
 * @param accuracy        share of items with the right class (single-label only, else null)
 * @param confusion       {@code confusion[gold][predicted]} in label order (single-label only, else null)
 * @param ece             expected calibration error over the reliability bins
 * @param reliability     the reliability diagram's bins
 * @param curves          per-label precision-recall curve and threshold sweep; empty when left out
 * @param emptyFalseAlarm share of items without gold labels that get a label (multi-label only;
 *                        null when every item has a gold label, and for single-label tasks)
 */
public record TaskMetrics(
        String task,
        String type,
        Level level,
        int items,
        List<LabelMetrics> labels,
        Averages micro,
        Averages macro,
        Averages weighted,
        Averages samples,
        Double subsetAccuracy,
        Double hammingLoss,
        Double accuracy,
        int[][] confusion,
        double ece,
        List<ReliabilityBin> reliability,
        List<LabelCurves> curves,
        Double emptyFalseAlarm) {

    /**
     * Copies the lists and the confusion matrix; a null {@code curves} is taken as empty.
     *
     * @throws NullPointerException if {@code labels} or {@code reliability} is or contains null
     */
    public TaskMetrics {
        labels = List.copyOf(labels);
        reliability = List.copyOf(reliability);
        curves = curves == null ? List.of() : List.copyOf(curves);
        confusion = copy(confusion);
    }

    /**
     * The confusion matrix of a single-label task. A copy: the record stays immutable.
     *
     * @return {@code confusion[gold][predicted]} in label order, or null for a multi-label task
     */
    @Override
    public int[][] confusion() {
        return copy(confusion);
    }

    /**
     * Whether this is a multi-label task.
     *
     * @return true when {@link #type()} is {@code "multi_label"}
     */
    public boolean multiLabel() {
        return "multi_label".equals(type);
    }

    /**
     * The same metrics without the curves (for compact output).
     *
     * @return a copy with empty {@link #curves()}
     */
    public TaskMetrics withoutCurves() {
        return new TaskMetrics(
                task,
                type,
                level,
                items,
                labels,
                micro,
                macro,
                weighted,
                samples,
                subsetAccuracy,
                hammingLoss,
                accuracy,
                confusion,
                ece,
                reliability,
                List.of(),
                emptyFalseAlarm);
    }

    /**
     * The headline numbers by name, in a fixed order: multi-label tasks {@code micro_f1, macro_f1,
     * samples_f1, subset_accuracy, hamming_loss, empty_false_alarm (when defined), ece}; single-label tasks {@code accuracy, macro_f1,
     * weighted_f1, ece}. Cross-validation and comparisons report these.
     *
     * @return a new mutable map from metric name to value, in that order
     */
    public Map<String, Double> headline() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (multiLabel()) {
            m.put("micro_f1", micro.f1());
            m.put("macro_f1", macro.f1());
            m.put("samples_f1", samples.f1());
            m.put("subset_accuracy", subsetAccuracy);
            m.put("hamming_loss", hammingLoss);
            if (emptyFalseAlarm != null) {
                m.put("empty_false_alarm", emptyFalseAlarm);
            }
        } else {
            m.put("accuracy", accuracy);
            m.put("macro_f1", macro.f1());
            m.put("weighted_f1", weighted.f1());
        }
        m.put("ece", ece);
        return m;
    }

    private static int[][] copy(int[][] a) {
        if (a == null) {
            return null;
        }
        int[][] out = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
