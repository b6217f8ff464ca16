package org.framescope.eval;

import org.framescope.model.DecisionRules;
import org.framescope.model.LabelScheme;
import org.framescope.model.LabeledArticle;
import org.framescope.model.Labels;
import org.framescope.model.Level;
import org.framescope.model.RawScores;
import org.framescope.model.Task;
import org.framescope.model.TaskDecision;

import java.util.ArrayList;
import java.util.List;

/** Scores predictions against gold labels with the model's calibration and decision rules. */
public final class Evaluator {

    private Evaluator() {
    }

    public static Evaluation evaluate(String model, String data, LabelScheme scheme, List<LabeledArticle> gold,
                                      RawScores raw, DecisionRules rules) {
        List<TaskMetrics> para = new ArrayList<>();
        List<TaskMetrics> art = new ArrayList<>();
        int paragraphs = gold.stream().mapToInt(a -> a.paragraphs().size()).sum();
        boolean anyParagraphGold = gold.stream().anyMatch(LabeledArticle::hasParagraphLabels);
        for (int k = 0; k < scheme.tasks().size(); k++) {
            Task t = scheme.tasks().get(k);
            List<Labels> pGold = new ArrayList<>();
            List<double[]> pRaw = new ArrayList<>();
            List<Labels> aGold = new ArrayList<>();
            List<double[]> aRaw = new ArrayList<>();
            for (int i = 0; i < gold.size(); i++) {
                LabeledArticle a = gold.get(i);
                if (a.hasParagraphLabels()) {
                    for (int j = 0; j < a.paragraphs().size(); j++) {
                        pGold.add(a.paragraphLabels().get(j));
                        pRaw.add(raw.paragraph()[i][j][k]);
                    }
                }
                aGold.add(a.articleLabels());
                aRaw.add(raw.article()[i][k]);
            }
            if (anyParagraphGold) {
                para.add(score(t, Level.PARAGRAPH, pGold, pRaw, rules.forLevel(Level.PARAGRAPH, t.name())));
            }
            art.add(score(t, Level.ARTICLE, aGold, aRaw, rules.forLevel(Level.ARTICLE, t.name())));
        }
        return new Evaluation(model, data, gold.size(), paragraphs, para, art);
    }

    static TaskMetrics score(Task t, Level level, List<Labels> gold, List<double[]> raw, TaskDecision d) {
        int n = gold.size();
        double[][] scores = new double[n][];
        for (int i = 0; i < n; i++) {
            scores[i] = d.calibrate(t, raw.get(i));
        }
        if (t.multiLabel()) {
            boolean[][] g = new boolean[n][t.size()];
            boolean[][] p = new boolean[n][t.size()];
            for (int i = 0; i < n; i++) {
                for (String l : gold.get(i).of(t.name())) {
                    g[i][t.indexOf(l)] = true;
                }
                for (int idx : d.decide(t, scores[i])) {
                    p[i][idx] = true;
                }
            }
            return Metrics.multiLabel(t.name(), level.wireName(), t.labels(), g, scores, p);
        }
        int[] g = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = t.indexOf(gold.get(i).of(t.name()).iterator().next());
            p[i] = d.decide(t, scores[i])[0];
        }
        return Metrics.singleLabel(t.name(), level.wireName(), t.labels(), g, scores, p);
    }
}
