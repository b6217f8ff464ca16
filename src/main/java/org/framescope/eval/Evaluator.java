package org.framescope.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.framescope.data.LabeledArticle;
import org.framescope.data.Labels;
import org.framescope.model.DecisionRules;
import org.framescope.model.LabelDecision;
import org.framescope.model.LabelScheme;
import org.framescope.model.Level;
import org.framescope.model.RawScores;
import org.framescope.model.Task;
import org.framescope.model.TaskDecision;

/** Scores predictions against gold labels with the model's calibration and decision rules. */
public final class Evaluator {

    private Evaluator() {}

    /**
     * Metrics at article level, and at paragraph level when any article has paragraph labels (the
     * trainer's view; {@link #predictions} lets a caller choose).
     */
    public static Evaluation evaluate(
            String model,
            String data,
            LabelScheme scheme,
            List<LabeledArticle> gold,
            RawScores raw,
            DecisionRules rules) {
        return metrics(predictions(model, data, scheme, gold, raw, rules, true), false);
    }

    /**
     * Calibrated scores and decisions next to the gold labels.
     *
     * @param paragraphLevel evaluate paragraphs too (only articles with paragraph labels contribute);
     *                       false for article-level data, where a one-paragraph article's labels are
     *                       not a separate paragraph judgement
     */
    public static Predictions predictions(
            String model,
            String data,
            LabelScheme scheme,
            List<LabeledArticle> gold,
            RawScores raw,
            DecisionRules rules,
            boolean paragraphLevel) {
        int paragraphs = gold.stream().mapToInt(a -> a.paragraphs().size()).sum();
        boolean para = paragraphLevel && gold.stream().anyMatch(LabeledArticle::hasParagraphLabels);
        List<EvalItem> pItems = new ArrayList<>();
        List<EvalItem> aItems = new ArrayList<>();
        for (LabeledArticle a : gold) {
            if (para && a.hasParagraphLabels()) {
                for (int j = 0; j < a.paragraphs().size(); j++) {
                    pItems.add(new EvalItem(
                            a.id() + "#" + j,
                            a.id(),
                            j,
                            a.sourceRows().get(j),
                            a.lang(),
                            a.paragraphs().get(j)));
                }
            }
            aItems.add(new EvalItem(
                    a.id(),
                    a.id(),
                    -1,
                    a.sourceRows().isEmpty() ? 0 : a.sourceRows().get(0),
                    a.lang(),
                    String.join("\n\n", a.paragraphs())));
        }
        List<TaskScores> pTasks = new ArrayList<>();
        List<TaskScores> aTasks = new ArrayList<>();
        for (int k = 0; k < scheme.tasks().size(); k++) {
            Task t = scheme.tasks().get(k);
            List<Labels> pGold = new ArrayList<>();
            List<double[]> pRaw = new ArrayList<>();
            List<Labels> aGold = new ArrayList<>();
            List<double[]> aRaw = new ArrayList<>();
            for (int i = 0; i < gold.size(); i++) {
                LabeledArticle a = gold.get(i);
                if (para && a.hasParagraphLabels()) {
                    for (int j = 0; j < a.paragraphs().size(); j++) {
                        pGold.add(a.paragraphLabels().get(j));
                        pRaw.add(raw.paragraph()[i][j][k]);
                    }
                }
                aGold.add(a.articleLabels());
                aRaw.add(raw.article()[i][k]);
            }
            if (para) {
                pTasks.add(score(t, pGold, pRaw, rules.forLevel(Level.PARAGRAPH, t.name())));
            }
            aTasks.add(score(t, aGold, aRaw, rules.forLevel(Level.ARTICLE, t.name())));
        }
        List<LevelScores> levels = new ArrayList<>();
        if (para) {
            levels.add(new LevelScores(Level.PARAGRAPH, pItems, pTasks));
        }
        levels.add(new LevelScores(Level.ARTICLE, aItems, aTasks));
        return new Predictions(model, data, gold.size(), paragraphs, levels);
    }

    /**
     * Metrics of every task at every level of the predictions.
     *
     * @param byLang also compute them per language, when the items have two or more languages
     */
    public static Evaluation metrics(Predictions p, boolean byLang) {
        List<TaskMetrics> para =
                p.level(Level.PARAGRAPH).map(LevelScores::metrics).orElse(List.of());
        List<TaskMetrics> art = p.level(Level.ARTICLE).map(LevelScores::metrics).orElse(List.of());
        List<LangSlice> slices = new ArrayList<>();
        if (byLang) {
            LevelScores articles = p.level(Level.ARTICLE).orElseThrow();
            Map<String, List<Integer>> langs = new LinkedHashMap<>();
            for (int i = 0; i < articles.items().size(); i++) {
                langs.computeIfAbsent(langOf(articles.items().get(i)), x -> new ArrayList<>())
                        .add(i);
            }
            if (langs.size() > 1) {
                for (String lang : langs.keySet().stream().sorted().toList()) {
                    List<TaskMetrics> sp = List.of();
                    int paragraphs = 0;
                    var pl = p.level(Level.PARAGRAPH);
                    if (pl.isPresent()) {
                        int[] idx = indices(pl.get(), lang);
                        paragraphs = idx.length;
                        sp = pl.get().subset(idx).metrics().stream()
                                .map(TaskMetrics::withoutCurves)
                                .toList();
                    }
                    int[] aIdx = indices(articles, lang);
                    List<TaskMetrics> sa = articles.subset(aIdx).metrics().stream()
                            .map(TaskMetrics::withoutCurves)
                            .toList();
                    slices.add(new LangSlice(lang, aIdx.length, pl.isPresent() ? paragraphs : 0, sp, sa));
                }
            }
        }
        return new Evaluation(p.model(), p.data(), p.articles(), p.paragraphs(), para, art, slices);
    }

    static String langOf(EvalItem item) {
        return item.lang() == null || item.lang().isBlank() ? "unknown" : item.lang();
    }

    private static int[] indices(LevelScores level, String lang) {
        return java.util.stream.IntStream.range(0, level.items().size())
                .filter(i -> langOf(level.items().get(i)).equals(lang))
                .toArray();
    }

    static TaskScores score(Task t, List<Labels> gold, List<double[]> raw, TaskDecision d) {
        int n = gold.size();
        double[][] scores = new double[n][];
        boolean[][] g = new boolean[n][t.size()];
        boolean[][] p = new boolean[n][t.size()];
        for (int i = 0; i < n; i++) {
            scores[i] = d.calibrate(t, raw.get(i));
            for (String l : gold.get(i).of(t.name())) {
                g[i][t.indexOf(l)] = true;
            }
            for (int idx : d.decide(t, scores[i])) {
                p[i][idx] = true;
            }
        }
        double[] thresholds = t.multiLabel()
                ? d.labels().stream().mapToDouble(LabelDecision::threshold).toArray()
                : null;
        return new TaskScores(t, thresholds, g, scores, p);
    }
}
