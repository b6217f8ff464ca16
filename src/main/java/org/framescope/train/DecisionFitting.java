package org.framescope.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.framescope.data.LabeledArticle;
import org.framescope.model.DecisionRules;
import org.framescope.model.LabelScheme;
import org.framescope.model.RawScores;
import org.framescope.model.Task;
import org.framescope.model.TaskDecision;

/** Decisions fitted on dev: per task and level, Platt calibration and per-label thresholds. */
final class DecisionFitting {

    private DecisionFitting() {}

    /**
     * Fits calibration and thresholds on dev. Without paragraph gold on dev, paragraphs reuse the
     * article rules: an article label is the max over its paragraphs, so a paragraph carries the label
     * when its own score would clear the article threshold.
     */
    static DecisionRules calibrate(LabelScheme scheme, List<LabeledArticle> dev, RawScores raw) {
        Map<String, TaskDecision> para = new LinkedHashMap<>();
        Map<String, TaskDecision> art = new LinkedHashMap<>();
        boolean paraGold = dev.stream().anyMatch(LabeledArticle::hasParagraphLabels);
        for (int k = 0; k < scheme.tasks().size(); k++) {
            Task t = scheme.tasks().get(k);
            List<double[]> ar = new ArrayList<>();
            List<boolean[]> ag = new ArrayList<>();
            List<double[]> pr = new ArrayList<>();
            List<boolean[]> pg = new ArrayList<>();
            for (int i = 0; i < dev.size(); i++) {
                LabeledArticle a = dev.get(i);
                ar.add(raw.article()[i][k]);
                ag.add(Minibatches.oneHot(t, a.articleLabels()));
                if (a.hasParagraphLabels()) {
                    for (int j = 0; j < a.paragraphs().size(); j++) {
                        pr.add(raw.paragraph()[i][j][k]);
                        pg.add(Minibatches.oneHot(t, a.paragraphLabels().get(j)));
                    }
                }
            }
            TaskDecision ad = Calibrator.fit(t, ar.toArray(double[][]::new), ag.toArray(boolean[][]::new));
            art.put(t.name(), ad);
            para.put(
                    t.name(),
                    paraGold ? Calibrator.fit(t, pr.toArray(double[][]::new), pg.toArray(boolean[][]::new)) : ad);
        }
        return new DecisionRules(para, art);
    }
}
