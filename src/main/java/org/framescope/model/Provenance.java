package org.framescope.model;

import java.util.Map;

/**
 * How a model was made: enough to reproduce it (data hash, seed, hyper-parameters) and to judge it.
 *
 * @param counts          e.g. train_articles, train_paragraphs, dev_articles, dev_paragraphs
 * @param hyperparameters every training option, as given
 * @param selection       which candidate configuration won on dev, and the dev scores of all of them
 */
public record Provenance(
        String dataFile,
        String dataSha256,
        Map<String, Integer> counts,
        long seed,
        Map<String, Object> hyperparameters,
        Map<String, Object> selection,
        int epochs,
        double trainSeconds,
        String java,
        String os,
        String created) {}
