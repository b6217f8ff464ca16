package org.framescope.eval;

import java.util.List;

/**
 * Model A against model B on the same labelled data: metric differences with paired bootstrap
 * confidence intervals. Resampling draws whole articles (paragraphs of one article move together,
 * at both levels), with the same draws for both models.
 */
public record Comparison(
        String modelA,
        String modelB,
        String data,
        int resamples,
        long seed,
        double confidence,
        List<MetricDelta> deltas,
        int better,
        int worse,
        int unclear,
        String verdict) {

    /** Copies the list of deltas. */
    public Comparison {
        deltas = List.copyOf(deltas);
    }
}
