package org.framescope.eval;

import java.util.List;

/**
 * A K-fold cross-validation grouped by article, optionally as a learning curve (one point per
 * training-data fraction; the last point, fraction 1, is the plain cross-validation).
 */
public record CvResult(
        String data,
        String scheme,
        int articles,
        int paragraphs,
        int folds,
        long seed,
        String features,
        List<CvPoint> points,
        List<CvRun> runs) {

    /** Copies the lists of points and runs. */
    public CvResult {
        points = List.copyOf(points);
        runs = List.copyOf(runs);
    }

    /** The point at the largest fraction. */
    public CvPoint full() {
        return points.get(points.size() - 1);
    }
}
