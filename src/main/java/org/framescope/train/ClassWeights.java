package org.framescope.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.framescope.data.LabeledArticle;
import org.framescope.data.Labels;
import org.framescope.model.LabelScheme;
import org.framescope.model.Task;

/**
 * Class weights: positive-label weights for multi-label tasks (the square root of the negative to
 * positive ratio, clamped to [1, 10]) and class weights for single-label tasks (the square root of
 * the balanced weight, clamped to [0.5, 5]): rare labels count more without swamping the loss.
 */
record ClassWeights(
        Map<String, double[]> positiveParagraph,
        Map<String, double[]> positiveArticle,
        Map<String, double[]> singleLabel) {

    static ClassWeights none(LabelScheme scheme) {
        return new ClassWeights(Map.of(), Map.of(), Map.of());
    }

    static ClassWeights of(LabelScheme scheme, List<LabeledArticle> train) {
        Map<String, double[]> pp = new HashMap<>(), pa = new HashMap<>(), sl = new HashMap<>();
        for (Task t : scheme.tasks()) {
            List<Labels> paras = train.stream()
                    .filter(LabeledArticle::hasParagraphLabels)
                    .flatMap(a -> a.paragraphLabels().stream())
                    .toList();
            List<Labels> arts =
                    train.stream().map(LabeledArticle::articleLabels).toList();
            if (t.multiLabel()) {
                pp.put(t.name(), positiveWeights(t, paras));
                pa.put(t.name(), positiveWeights(t, arts));
            } else {
                List<Labels> base = paras.isEmpty() ? arts : paras;
                double[] w = new double[t.size()];
                for (int c = 0; c < t.size(); c++) {
                    String l = t.labels().get(c);
                    long n = base.stream()
                            .filter(x -> x.of(t.name()).contains(l))
                            .count();
                    w[c] = clamp(Math.sqrt(base.size() / (double) (t.size() * Math.max(1, n))), 0.5, 5);
                }
                sl.put(t.name(), w);
            }
        }
        return new ClassWeights(pp, pa, sl);
    }

    private static double[] positiveWeights(Task t, List<Labels> items) {
        double[] w = new double[t.size()];
        for (int l = 0; l < t.size(); l++) {
            String label = t.labels().get(l);
            long pos =
                    items.stream().filter(x -> x.of(t.name()).contains(label)).count();
            w[l] = items.isEmpty() ? 1 : clamp(Math.sqrt((items.size() - pos) / (double) Math.max(1, pos)), 1, 10);
        }
        return w;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
