package org.framescope.eval;

import org.framescope.model.Level;

/**
 * The difference of one metric between two models on the same items: {@code delta = a - b}, with a
 * paired-bootstrap confidence interval {@code [low, high]}.
 *
 * @param pValue  two-sided bootstrap p-value: twice the smaller share of resamples with delta <= 0 or
 *                delta >= 0 (capped at 1); a rough guide, the interval is the result
 * @param verdict "better" (the interval lies above 0: model A is better), "worse" (below 0) or
 *                "no clear difference"
 */
public record MetricDelta(
        Level level,
        String task,
        String metric,
        double a,
        double b,
        double delta,
        double low,
        double high,
        double pValue,
        String verdict) {}
