package org.framescope.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds pairs of texts that share more than a given share of their word 5-grams (relative to the
 * smaller set): the corpus check against templated or copy-edited paragraphs.
 */
public final class NearDuplicates {

    /** A pair of near-duplicate texts by index, with the shared share of 5-grams. */
    public record Pair(int a, int b, double shared) {}

    private NearDuplicates() {}

    /**
     * The text's distinct lower-cased word 5-grams (words are runs of letters and digits).
     *
     * @return a new set, empty when the text has fewer than five words
     */
    public static Set<String> fiveGrams(String text) {
        String[] w = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        List<String> words = new ArrayList<>();
        for (String s : w) {
            if (!s.isEmpty()) {
                words.add(s);
            }
        }
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 5 <= words.size(); i++) {
            out.add(String.join(" ", words.subList(i, i + 5)));
        }
        return out;
    }

    /**
     * Finds the pairs of texts whose shared 5-grams, relative to the smaller text's set, exceed the
     * threshold.
     *
     * @return the pairs (first index smaller), sorted by index
     */
    public static List<Pair> find(List<String> texts, double threshold) {
        List<Set<String>> grams = texts.stream().map(NearDuplicates::fiveGrams).toList();
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = 0; i < grams.size(); i++) {
            for (String g : grams.get(i)) {
                index.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
            }
        }
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < grams.size(); i++) {
            Map<Integer, Integer> shared = new HashMap<>();
            for (String g : grams.get(i)) {
                for (int j : index.get(g)) {
                    if (j > i) {
                        shared.merge(j, 1, Integer::sum);
                    }
                }
            }
            for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
                int smaller =
                        Math.min(grams.get(i).size(), grams.get(e.getKey()).size());
                double s = (double) e.getValue() / smaller;
                if (s > threshold) {
                    out.add(new Pair(i, e.getKey(), s));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Pair::a).thenComparingInt(Pair::b));
        return out;
    }
}
