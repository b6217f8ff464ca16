package org.framescope.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 */
public record TaskMetrics(String task, String type, String level, int items, List<LabelMetrics> labels,
                          Averages micro, Averages macro, Averages weighted, Averages samples,
                          Double subsetAccuracy, Double hammingLoss, Double accuracy, int[][] confusion,
                          double ece, List<ReliabilityBin> reliability, List<LabelCurves> curves, Double emptyFalseAlarm) {

    public TaskMetrics {
        labels = List.copyOf(labels);
        reliability = List.copyOf(reliability);
        curves = curves == null ? List.of() : List.copyOf(curves);
        confusion = copy(confusion);
    }

    /** A copy: the record stays immutable. */
    @Override
    public int[][] confusion() {
        return copy(confusion);
    }

    public boolean multiLabel() {
        return "multi_label".equals(type);
    }

    /** The same metrics without the curves (for compact output). */
    public TaskMetrics withoutCurves() {
        return new TaskMetrics(task, type, level, items, labels, micro, macro, weighted, samples, subsetAccuracy,
                hammingLoss, accuracy, confusion, ece, reliability, List.of(), emptyFalseAlarm);
    }

    /**
     * The headline numbers by name, in a fixed order: multi-label tasks {@code micro_f1, macro_f1,
     * samples_f1, subset_accuracy, hamming_loss, empty_false_alarm (when defined), ece}; single-label tasks {@code accuracy, macro_f1,
     * weighted_f1, ece}. Cross-validation and comparisons report these.
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
