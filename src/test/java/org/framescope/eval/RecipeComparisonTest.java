package org.framescope.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.framescope.model.Level;
import org.junit.jupiter.api.Test;

class RecipeComparisonTest {

    /**
     * One fold's article metrics: item 0 has gold x, items 1-3 have no gold; {@code alarms} of
     * the empty items get a label, and {@code hitX} says whether item 0 gets x.
     */
    private static Evaluation fold(int alarms, boolean hitX) {
        boolean[][] gold = {{true, false}, {false, false}, {false, false}, {false, false}};
        boolean[][] pred = {{hitX, false}, {alarms > 0, false}, {false, alarms > 1}, {false, alarms > 2}};
        double[][] scores = new double[4][2];
        TaskMetrics m =
                ClassificationMetrics.multiLabel("frames", Level.ARTICLE, List.of("x", "y"), gold, scores, pred);
        return new Evaluation("m", "d", 4, 0, List.of(), List.of(m));
    }

    private static CvResult recipe(int[] alarms, boolean[] hits) {
        List<CvRun> runs = new ArrayList<>();
        for (int f = 0; f < alarms.length; f++) {
            runs.add(new CvRun(f + 1, 1.0, 10, 2, 4, 1.0, fold(alarms[f], hits[f])));
        }
        return new CvResult("d", "s", 12, 0, alarms.length, 42, "lexical", List.of(CvPoint.of(1.0, runs)), runs);
    }

    @Test
    void falseAlarmsAreComparedWithLowerAsBetter() {
        Map<String, CvResult> r = new LinkedHashMap<>();
        r.put("main", recipe(new int[] {0, 1, 0}, new boolean[] {true, true, false}));
        r.put("other", recipe(new int[] {3, 1, 2}, new boolean[] {true, false, true}));
        RecipeComparison cmp = new RecipeComparison(r);
        assertThat(cmp.metrics()).anyMatch(m -> m[0].equals("article") && m[2].equals("empty_false_alarm"));
        assertThat(RecipeComparison.perFold(r.get("main"), "article", "frames", "empty_false_alarm"))
                .containsExactly(0.0, 1.0 / 3, 0.0);
        String md = cmp.markdown();
        String row = md.lines()
                .filter(l -> l.startsWith("| article | frames | empty_false_alarm |"))
                .findFirst()
                .orElseThrow();
        // main raises fewer alarms on folds 1 and 3 (a win each), ties on fold 2: 2/3, with a negative delta.
        assertThat(row).contains("| 2/3 |").contains("-0.556");
        String f1 = md.lines()
                .filter(l -> l.startsWith("| article | frames | macro_f1 |"))
                .findFirst()
                .orElseThrow();
        // macro-F1 is higher-is-better: main ahead on folds 1 and 2 (0.5 vs 0.333, 0.333 vs 0), behind on fold 3.
        assertThat(f1).contains("| +0.056 ± 0.347 | 2/3 |");
    }
}
