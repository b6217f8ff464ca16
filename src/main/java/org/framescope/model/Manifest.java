package org.framescope.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 *                          written before it existed. A key {@code task:label} (format 4) gives one
 *                          label its own source, overriding its task's (few-shot labels use it)
 * @param fewShot           per task and label, how each label added by {@code framescope extend} was
 *                          made; null (and absent from the JSON) when the model has none
 */
public record Manifest(
        int formatVersion,
        String framescopeVersion,
        String name,
        String created,
        LabelScheme scheme,
        FeatureSpec features,
        NetworkSpec network,
        String pooling,
        DecisionRules decisions,
        Provenance provenance,
        JsonNode metrics,
        Map<String, String> entries,
        Map<String, String> articleSources,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Map<String, FewShotLabel>> fewShot) {

    /**
     * Highest bundle format this build reads. 4 added few-shot labels ({@link #fewShot()}) and
     * per-label article sources; bundles without few-shot labels are still written as 3, so older
     * builds keep reading them.
     */
    public static final int FORMAT_VERSION = 4;

    /** Copies the few-shot records (keeping their order) so the manifest stays immutable. */
    public Manifest {
        if (fewShot != null) {
            Map<String, Map<String, FewShotLabel>> copy = new java.util.LinkedHashMap<>();
            fewShot.forEach(
                    (t, m) -> copy.put(t, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m))));
            fewShot = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /** The format of a bundle without few-shot labels. */
    public static final int PLAIN_FORMAT_VERSION = 3;

    /** A manifest without few-shot labels (as bundles before format 4). */
    public Manifest(
            int formatVersion,
            String framescopeVersion,
            String name,
            String created,
            LabelScheme scheme,
            FeatureSpec features,
            NetworkSpec network,
            String pooling,
            DecisionRules decisions,
            Provenance provenance,
            JsonNode metrics,
            Map<String, String> entries,
            Map<String, String> articleSources) {
        this(
                formatVersion,
                framescopeVersion,
                name,
                created,
                scheme,
                features,
                network,
                pooling,
                decisions,
                provenance,
                metrics,
                entries,
                articleSources,
                null);
    }

    /**
     * A copy with other metrics.
     *
     * @param m the metrics as JSON, or null
     * @return the modified copy
     */
    public Manifest withMetrics(JsonNode m) {
        return new Manifest(
                formatVersion,
                framescopeVersion,
                name,
                created,
                scheme,
                features,
                network,
                pooling,
                decisions,
                provenance,
                m,
                entries,
                articleSources,
                fewShot);
    }

    /**
     * A copy with other entry checksums, in the format this build writes for it (the bundle writer sets
     * them): {@link #FORMAT_VERSION} with few-shot labels, else {@link #PLAIN_FORMAT_VERSION}.
     *
     * @param e SHA-256 by entry name
     * @return the modified copy
     * @throws NullPointerException if {@code e} is null or holds a null key or value
     */
    public Manifest withEntries(Map<String, String> e) {
        return new Manifest(
                fewShot == null || fewShot.isEmpty() ? PLAIN_FORMAT_VERSION : FORMAT_VERSION,
                framescopeVersion,
                name,
                created,
                scheme,
                features,
                network,
                pooling,
                decisions,
                provenance,
                metrics,
                Map.copyOf(e),
                articleSources,
                fewShot);
    }

    /**
     * A copy with a label added by {@code framescope extend}: the new scheme, decisions and article
     * sources, and the label's record in {@link #fewShot()}.
     *
     * @param newScheme    the scheme with the label appended to its task
     * @param newDecisions decisions with the label's entry appended at both levels
     * @param newSources   article sources with the label's own entry ({@code task:label})
     * @param task         the task the label was added to
     * @param label        the new label
     * @param record       how it was made
     * @return the modified copy
     */
    public Manifest withFewShotLabel(
            LabelScheme newScheme,
            DecisionRules newDecisions,
            Map<String, String> newSources,
            String task,
            String label,
            FewShotLabel record) {
        Map<String, Map<String, FewShotLabel>> fs = new java.util.LinkedHashMap<>();
        if (fewShot != null) {
            fewShot.forEach((t, m) -> fs.put(t, new java.util.LinkedHashMap<>(m)));
        }
        fs.computeIfAbsent(task, t -> new java.util.LinkedHashMap<>()).put(label, record);
        return new Manifest(
                formatVersion,
                framescopeVersion,
                name,
                created,
                newScheme,
                features,
                network,
                pooling,
                newDecisions,
                provenance,
                metrics,
                entries,
                Map.copyOf(newSources),
                fs);
    }

    /**
     * The few-shot record of a label. Never throws.
     *
     * @param task  a task's name
     * @param label a label of it
     * @return the record, or null when the label was trained with the model (or does not exist)
     */
    public FewShotLabel fewShotLabel(String task, String label) {
        return fewShot == null ? null : fewShot.getOrDefault(task, Map.of()).get(label);
    }
}
