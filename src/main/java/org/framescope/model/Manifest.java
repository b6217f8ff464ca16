package org.framescope.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * {@code manifest.json} of a model bundle: everything needed to rebuild the inference pipeline and
 * to check the bundle's integrity. {@code entries} maps every other entry name to its SHA-256.
 */
public record Manifest(int formatVersion, String framescopeVersion, String name, String created,
                       LabelScheme scheme, FeatureSpec features, NetworkSpec network, String pooling,
                       DecisionRules decisions, Provenance provenance, JsonNode metrics,
                       Map<String, String> entries, Map<String, String> articleSources) {

    /** Highest bundle format this build reads. */
    public static final int FORMAT_VERSION = 2;

    public Manifest withMetrics(JsonNode m) {
        return new Manifest(formatVersion, framescopeVersion, name, created, scheme, features, network, pooling,
                decisions, provenance, m, entries, articleSources);
    }

    public Manifest withEntries(Map<String, String> e) {
        return new Manifest(formatVersion, framescopeVersion, name, created, scheme, features, network, pooling,
                decisions, provenance, metrics, Map.copyOf(e), articleSources);
    }
}
