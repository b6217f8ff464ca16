package org.framescope.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.framescope.model.Level;

/**
 * Training recipes cross-validated on the same folds (same seed, same articles), compared fold by
 * fold: for each headline metric, every recipe's mean and standard deviation over folds, and each
 * other recipe's paired difference against the first (mean, standard deviation of the per-fold
 * differences, and on how many folds the first recipe is ahead).
 *
 * @param recipes recipe name to its cross-validation result, the reference recipe first
 */
public record RecipeComparison(Map<String, CvResult> recipes) {

    /**
     * Copies the recipes, keeping their order (the first is the reference).
     *
     * @throws IllegalArgumentException if there are no recipes
     */
    public RecipeComparison {
        recipes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recipes));
        if (recipes.isEmpty()) {
            throw new IllegalArgumentException("no recipes to compare");
        }
    }

    /** One metric's values per fold for one recipe (full training fraction), in fold order. */
    public static double[] perFold(CvResult r, String level, String task, String metric) {
        List<CvRun> runs = r.runs().stream()
                .filter(x -> x.fraction() == r.full().fraction())
                .toList();
        double[] v = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            Evaluation e = runs.get(i).evaluation();
            if (level.equals("all")) {
                v[i] = e.selectionScore();
            } else {
                v[i] = e.level(Level.of(level)).stream()
                        .filter(t -> t.task().equals(task))
                        .findFirst()
                        .map(t -> t.headline().getOrDefault(metric, Double.NaN))
                        .orElse(Double.NaN);
            }
        }
        return v;
    }

    /**
     * The metrics compared: macro-F1 of every task at every level, micro-F1 / accuracy, the article
     * false-alarm rate on articles without gold labels (multi-label tasks; lower is better), and the
     * overall mean.
     */
    public List<String[]> metrics() {
        CvResult ref = recipes.values().iterator().next();
        List<String[]> out = new ArrayList<>();
        for (Level level : List.of(Level.ARTICLE, Level.PARAGRAPH)) {
            for (TaskMetrics t : ref.runs().get(0).evaluation().level(level)) {
                out.add(new String[] {level.wireName(), t.task(), "macro_f1"});
                out.add(new String[] {level.wireName(), t.task(), t.multiLabel() ? "micro_f1" : "accuracy"});
                if (level == Level.ARTICLE && t.emptyFalseAlarm() != null) {
                    // Lower is better here: a positive delta means the reference speaks out of turn more often.
                    out.add(new String[] {level.wireName(), t.task(), "empty_false_alarm"});
                }
            }
        }
        out.add(new String[] {"all", "all", "mean_macro_f1"});
        return out;
    }

    /**
     * A Markdown table of every recipe's metrics on the same folds, with each other recipe's paired
     * difference from the reference (the first recipe) and its fold wins.
     */
    public String markdown() {
        List<String> names = new ArrayList<>(recipes.keySet());
        String ref = names.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "%nRECIPES ON THE SAME %d FOLDS (mean ± sd over folds; Δ = %s minus the other recipe, paired by fold; wins = folds where %s is ahead, i.e. lower for empty_false_alarm)%n%n",
                recipes.get(ref).folds(),
                ref,
                ref));
        sb.append("| level | task | metric |");
        names.forEach(n -> sb.append(' ').append(n).append(" |"));
        names.subList(1, names.size())
                .forEach(n -> sb.append(" Δ vs ").append(n).append(" | wins |"));
        sb.append("\n|---|---|---|")
                .append("---|".repeat(names.size() + 2 * (names.size() - 1)))
                .append('\n');
        for (String[] m : metrics()) {
            sb.append("| ")
                    .append(m[0])
                    .append(" | ")
                    .append(m[1])
                    .append(" | ")
                    .append(m[2])
                    .append(" |");
            double[] r0 = perFold(recipes.get(ref), m[0], m[1], m[2]);
            for (String n : names) {
                double[] v = perFold(recipes.get(n), m[0], m[1], m[2]);
                sb.append(String.format(Locale.ROOT, " %.3f ± %.3f |", mean(v), sd(v)));
            }
            for (String n : names.subList(1, names.size())) {
                double[] v = perFold(recipes.get(n), m[0], m[1], m[2]);
                int k = Math.min(v.length, r0.length);
                double[] d = new double[k];
                int wins = 0;
                for (int i = 0; i < k; i++) {
                    d[i] = r0[i] - v[i];
                    if (m[2].equals("empty_false_alarm") ? d[i] < 0 : d[i] > 0) {
                        wins++;
                    }
                }
                sb.append(String.format(Locale.ROOT, " %+.3f ± %.3f | %d/%d |", mean(d), sd(d), wins, k));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v), s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
