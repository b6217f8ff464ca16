package org.framescope.eval;

/**
 * One training run of a cross-validation: trained on {@code fraction} of the other folds' training
 * articles, evaluated on fold {@code fold} (curves left out).
 */
public record CvRun(
        int fold,
        double fraction,
        int trainArticles,
        int devArticles,
        int testArticles,
        double seconds,
        Evaluation evaluation) {}
