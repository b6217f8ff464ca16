package org.framescope.train;

import java.util.List;
import java.util.Map;
import org.framescope.data.LabeledArticle;
import org.framescope.model.LabelScheme;
import org.framescope.model.RawOutputs;
import org.framescope.model.RawScores;
import org.framescope.model.Task;

/** The dev log-loss that early stopping and the choice of sources read. */
final class DevLoss {

    private DevLoss() {}

    /**
     * Dev log-loss of the model as it will be used: the paragraph heads' mean cross-entropy (where
     * paragraphs have gold) plus, per task, the article cross-entropy of its best source (max-pooled,
     * whole-article or blend, gated or not) and each gate's own cross-entropy. A head that will not
     * serve a task cannot hold training back, and no
     * class weights or penalty enter: it is a proper score of the probabilities on dev.
     */
    static double devLoss(LabelScheme scheme, List<LabeledArticle> dev, RawOutputs out) {
        int tasks = scheme.tasks().size();
        double para = 0;
        int paraItems = 0;
        for (int i = 0; i < dev.size(); i++) {
            LabeledArticle a = dev.get(i);
            if (!a.hasParagraphLabels()) {
                continue;
            }
            for (int j = 0; j < a.paragraphs().size(); j++) {
                for (int k = 0; k < tasks; k++) {
                    Task t = scheme.tasks().get(k);
                    para += crossEntropy(
                                    t,
                                    out.paragraph()[i][j][k],
                                    Minibatches.oneHot(t, a.paragraphLabels().get(j)))
                            / tasks;
                }
                paraItems++;
            }
        }
        double art = 0;
        for (int k = 0; k < tasks; k++) {
            Task t = scheme.tasks().get(k);
            double best = Double.POSITIVE_INFINITY;
            for (String src : out.available(k)) {
                Map<String, String> m = Map.of(t.name(), src);
                RawScores raw = out.combine(scheme, m);
                double sum = 0;
                for (int i = 0; i < dev.size(); i++) {
                    sum += crossEntropy(
                            t,
                            raw.article()[i][k],
                            Minibatches.oneHot(t, dev.get(i).articleLabels()));
                }
                best = Math.min(best, sum / Math.max(1, dev.size()));
            }
            art += best;
        }
        // A gate is a head of its own: its cross-entropy counts, so training does not stop before the gate has learned.
        int gates = 0;
        for (int k = 0; out.gate() != null && k < tasks; k++) {
            if (out.gate()[k] == null) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < dev.size(); i++) {
                boolean any = !dev.get(i)
                        .articleLabels()
                        .of(scheme.tasks().get(k).name())
                        .isEmpty();
                sum += binaryCrossEntropy(out.gate()[k][i], any);
            }
            art += sum / Math.max(1, dev.size());
            gates++;
        }
        art /= tasks + gates;
        return paraItems > 0 ? (para / paraItems + art) / 2 : art;
    }

    private static double crossEntropy(Task t, double[] p, boolean[] y) {
        double s = 0;
        if (t.multiLabel()) {
            for (int l = 0; l < p.length; l++) {
                s += binaryCrossEntropy(p[l], y[l]);
            }
            return s / p.length;
        }
        for (int l = 0; l < p.length; l++) {
            if (y[l]) {
                s -= Math.log(Math.max(1e-7, p[l]));
            }
        }
        return s;
    }

    private static double binaryCrossEntropy(double p, boolean y) {
        double q = Math.min(1 - 1e-7, Math.max(1e-7, p));
        return -(y ? Math.log(q) : Math.log(1 - q));
    }
}
