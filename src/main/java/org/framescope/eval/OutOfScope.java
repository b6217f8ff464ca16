package org.framescope.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.framescope.model.LabelScheme;
import org.framescope.model.Task;
import org.framescope.result.ArticleResult;

/**
 * How a model behaves on text where no label applies (sport, crime, markets...): the share of texts
 * that get each article label, any frame (any label of a multi-label task) and any stance (a
 * non-neutral label of a single-label task). Ideally every share is near zero.
 *
 * @param name   what the texts are (a file, a split)
 * @param texts  how many texts were classified
 * @param shares "task:label", "task:(any)" to the share of texts, in scheme order
 */
public record OutOfScope(String name, int texts, Map<String, Double> shares) {

    /** Copies the shares, keeping their order. */
    public OutOfScope {
        shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    }

    /** Without gold labels: the share of texts that get each label, any frame and any stance. */
    public static OutOfScope of(String name, LabelScheme scheme, List<ArticleResult> results) {
        return of(name, scheme, results, null);
    }

    /**
     * With gold labels (out-of-scope text of a labelled corpus, where a few articles rightly carry a
     * frame): the share of texts that get a label their gold lacks.
     */
    public static OutOfScope of(
            String name, LabelScheme scheme, List<ArticleResult> results, List<org.framescope.data.Labels> gold) {
        Map<String, Double> m = new LinkedHashMap<>();
        int n = results.size();
        for (Task t : scheme.tasks()) {
            long any = java.util.stream.IntStream.range(0, n)
                    .filter(i -> results.get(i).tasks().get(t.name()).labels().stream()
                            .anyMatch(l -> !l.equals(t.neutral()) && !inGold(gold, i, t, l)))
                    .count();
            m.put(t.name() + ":(any)", n == 0 ? 0 : (double) any / n);
            for (String l : t.labels()) {
                if (l.equals(t.neutral())) {
                    continue;
                }
                final String label = l;
                long c = java.util.stream.IntStream.range(0, n)
                        .filter(i ->
                                results.get(i).tasks().get(t.name()).labels().contains(label)
                                        && !inGold(gold, i, t, label))
                        .count();
                m.put(t.name() + ":" + l, n == 0 ? 0 : (double) c / n);
            }
        }
        return new OutOfScope(name, n, m);
    }

    private static boolean inGold(List<org.framescope.data.Labels> gold, int i, Task t, String label) {
        return gold != null && gold.get(i).of(t.name()).contains(label);
    }

    /** Markdown table, several checks side by side (same scheme). */
    public static String markdown(List<OutOfScope> checks) {
        StringBuilder sb = new StringBuilder("| label |");
        checks.forEach(c ->
                sb.append(' ').append(c.name()).append(" (").append(c.texts()).append(" texts) |"));
        sb.append("\n|---|").append("---|".repeat(checks.size())).append('\n');
        for (String k : checks.get(0).shares().keySet()) {
            sb.append("| ").append(k).append(" |");
            checks.forEach(c -> sb.append(
                    String.format(Locale.ROOT, " %.1f%% |", 100 * c.shares().getOrDefault(k, 0.0))));
            sb.append('\n');
        }
        return sb.toString();
    }
}
