package org.framescope.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.framescope.TestSchemes;
import org.framescope.data.ArticleLabels;
import org.framescope.data.LabeledArticle;
import org.framescope.data.Labels;
import org.framescope.model.DecisionRules;
import org.framescope.model.LabelScheme;
import org.framescope.model.RawScores;
import org.framescope.model.Task;

/** Made-up gold articles and model scores on the tiny scheme, without training anything. */
final class EvalFixtures {

    static final LabelScheme SCHEME = TestSchemes.tiny();

    private EvalFixtures() {}

    /** Articles of 1-3 paragraphs with random paragraph labels; every other article is French. */
    static List<LabeledArticle> articles(int n, long seed) {
        Random r = new Random(seed);
        List<LabeledArticle> out = new ArrayList<>();
        int row = 2;
        for (int i = 0; i < n; i++) {
            int np = 1 + r.nextInt(3);
            List<String> paras = new ArrayList<>();
            List<Labels> pl = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            for (int j = 0; j < np; j++) {
                paras.add("Paragraph " + j + " of article " + i
                        + (j == 0 && i == 0 ? " <b>with markup & \"quotes\"</b>" : ""));
                Set<String> frames = new LinkedHashSet<>();
                for (String f : List.of("a", "b", "c")) {
                    if (r.nextDouble() < 0.35) {
                        frames.add(f);
                    }
                }
                String stance = List.of("favor", "against", "none", "none").get(r.nextInt(4));
                Map<String, Set<String>> m = new LinkedHashMap<>();
                m.put("frames", frames);
                m.put("stance", Set.of(stance));
                pl.add(new Labels(m));
                rows.add(row++);
            }
            out.add(new LabeledArticle(
                    "art" + i, i % 2 == 0 ? "en" : "fr", "test", paras, pl, ArticleLabels.derive(SCHEME, pl), rows));
        }
        return out;
    }

    /**
     * Raw scores: with {@code skill} 1 the gold label gets 0.9 and others 0.1; with skill 0 the scores
     * are random. Article scores are the max (frames) or the mean (stance) of paragraph scores.
     */
    static RawScores scores(List<LabeledArticle> arts, double skill, long seed) {
        Random r = new Random(seed);
        List<Task> tasks = SCHEME.tasks();
        double[][][][] para = new double[arts.size()][][][];
        double[][][] art = new double[arts.size()][tasks.size()][];
        for (int i = 0; i < arts.size(); i++) {
            LabeledArticle a = arts.get(i);
            para[i] = new double[a.paragraphs().size()][tasks.size()][];
            for (int k = 0; k < tasks.size(); k++) {
                Task t = tasks.get(k);
                for (int j = 0; j < a.paragraphs().size(); j++) {
                    para[i][j][k] = row(t, a.paragraphLabels().get(j).of(t.name()), skill, r);
                }
                art[i][k] = row(t, a.articleLabels().of(t.name()), skill, r);
            }
        }
        return new RawScores(para, art);
    }

    private static double[] row(Task t, Set<String> gold, double skill, Random r) {
        double[] s = new double[t.size()];
        double sum = 0;
        for (int l = 0; l < t.size(); l++) {
            double truth = gold.contains(t.labels().get(l)) ? 0.9 : 0.1;
            s[l] = Math.min(
                    0.99, Math.max(0.01, skill * truth + (1 - skill) * r.nextDouble() + (r.nextDouble() - 0.5) * 0.1));
            sum += s[l];
        }
        if (!t.multiLabel()) {
            for (int l = 0; l < s.length; l++) {
                s[l] /= sum;
            }
        }
        return s;
    }

    static Predictions predictions(String model, List<LabeledArticle> arts, double skill, long seed) {
        return Evaluator.predictions(
                model, "fixture.csv", SCHEME, arts, scores(arts, skill, seed), DecisionRules.identity(SCHEME), true);
    }
}
