package org.framescope.data;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.framescope.model.LabelScheme;
import org.framescope.model.Task;

/**
 * Derives an article's labels from its paragraphs' (the codebook's rule): a multi-label task takes
 * the union; a single-label task takes the most frequent non-neutral label, or the neutral label
 * when there is none or when two labels tie (a balanced article takes no side).
 */
public final class ArticleLabels {

    private ArticleLabels() {}

    /**
     * Derives the article labels from its paragraphs' labels by the codebook rule; tasks no paragraph
     * labels are left out.
     */
    public static Labels derive(LabelScheme scheme, List<Labels> paragraphs) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Task t : scheme.tasks()) {
            if (paragraphs.stream().noneMatch(p -> p.has(t.name()))) {
                continue;
            }
            if (t.multiLabel()) {
                Set<String> union = new LinkedHashSet<>();
                for (String l : t.labels()) {
                    if (paragraphs.stream().anyMatch(p -> p.of(t.name()).contains(l))) {
                        union.add(l);
                    }
                }
                out.put(t.name(), union);
                continue;
            }
            Map<String, Integer> counts = new HashMap<>();
            paragraphs.forEach(p -> p.of(t.name()).forEach(l -> {
                if (!l.equals(t.neutral())) {
                    counts.merge(l, 1, Integer::sum);
                }
            }));
            String best = null;
            int bestCount = 0;
            boolean tie = false;
            for (String l : t.labels()) {
                int c = counts.getOrDefault(l, 0);
                if (c > bestCount) {
                    best = l;
                    bestCount = c;
                    tie = false;
                } else if (c == bestCount && c > 0) {
                    tie = true;
                }
            }
            String chosen = best == null || tie
                    ? (t.neutral() != null ? t.neutral() : t.labels().get(0))
                    : best;
            out.put(t.name(), Set.of(chosen));
        }
        return new Labels(out);
    }
}
