package org.framescope.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * {@code manifest.json} of a model bundle: everything needed to rebuild the inference pipeline and
 * to check the bundle's integrity. {@code entries} maps every other entry name to its SHA-256.
 * Read it from a loaded model with {@link org.framescope.FrameScope#manifest()}; it is serialised
 * with Jackson ({@link ModelBundle#mapper()}).
 *
 * <p><b>Thread-safety:</b> an immutable value as far as framescope is concerned: the {@code with...}
 * methods return modified copies. {@code metrics} is a Jackson tree, which callers must not modify.
 * Its methods never throw, except as noted.
 *
 * @param formatVersion     the bundle format ({@link #FORMAT_VERSION} for bundles written by this build;
 *                          3 added the manifest's seal, a {@code digest} field next to these)
 * @param framescopeVersion the framescope version that trained the model
 * @param name              the model's name ({@link org.framescope.train.TrainConfig#name()})
 * @param created           when the model was trained, ISO-8601 instant
 * @param scheme            the tasks and labels the model predicts
 * @param features          feature blocks, encoder identity (id, SHA-256, dimension), lexical settings
 * @param network           the network's hyper-parameters
 * @param pooling           the article path the network was built with (as
 *                          {@link NetworkSpec#articlePath()})
 * @param decisions         calibration and thresholds per level and task
 * @param provenance        data file and SHA-256, article counts, seed, training options, selection,
 *                          epochs, timings, Java and OS
 * @param metrics           evaluations recorded at training time ({@code dev}, and {@code test} when
 *                          the data had a test split), as JSON; null when none were recorded
 * @param entries           SHA-256 of every other entry of the bundle, by entry name
 * @param articleSources    per task, which article head serves it (chosen on dev); null in bundles
 *                          written before it existed
 */
public record Manifest(int formatVersion, String framescopeVersion, String name, String created,
                       LabelScheme scheme, FeatureSpec features, NetworkSpec network, String pooling,
                       DecisionRules decisions, Provenance provenance, JsonNode metrics,
                       Map<String, String> entries, Map<String, String> articleSources) {

    /** Highest bundle format this build reads. */
    public static final int FORMAT_VERSION = 3;

    /**
     * A copy with other metrics.
     *
     * @param m the metrics as JSON, or null
     * @return the modified copy
     */
    public Manifest withMetrics(JsonNode m) {
        return new Manifest(formatVersion, framescopeVersion, name, created, scheme, features, network, pooling,
                decisions, provenance, m, entries, articleSources);
    }

    /**
     * A copy with other entry checksums, in this build's format version (the bundle writer sets them).
     *
     * @param e SHA-256 by entry name
     * @return the modified copy
     * @throws NullPointerException if {@code e} is null or holds a null key or value
     */
    public Manifest withEntries(Map<String, String> e) {
        return new Manifest(FORMAT_VERSION, framescopeVersion, name, created, scheme, features, network, pooling,
                decisions, provenance, metrics, Map.copyOf(e), articleSources);
    }
}
