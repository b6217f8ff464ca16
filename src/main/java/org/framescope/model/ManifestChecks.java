package org.framescope.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.framescope.encode.FeatureBlocks;
import org.framescope.util.Hashing;

/**
 * The manifest's seal and its full validation, both run by {@link ModelBundle#load}.
 * <ul>
 *   <li>The seal is a SHA-256 over the manifest's canonical JSON (keys sorted at every level, no
 *       whitespace, without the seal itself). The manifest lists the SHA-256 of every other entry,
 *       so the seal covers the whole bundle: an edited threshold or label name fails it. It is an
 *       integrity check, not a signature: it has no key, so it detects edits and corruption, not a
 *       forger who recomputes it.</li>
 *   <li>Validation checks what the loader would otherwise trust: required fields, one decision per
 *       level and task with one entry per label, finite calibration values and thresholds in [0, 1],
 *       and a network input as wide as the encoder and lexical blocks together.</li>
 * </ul>
 */
final class ManifestChecks {

    /** Name of the seal field in {@code manifest.json}. */
    static final String DIGEST = "digest";

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private ManifestChecks() {}

    /** The seal of a manifest tree ({@code sha256:<hex>}); a {@value #DIGEST} field in it is ignored. */
    static String digest(JsonNode manifest) {
        ObjectNode copy = ((ObjectNode) manifest).deepCopy();
        copy.remove(DIGEST);
        try {
            return "sha256:"
                    + Hashing.sha256(COMPACT.writeValueAsString(canonical(copy)).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a manifest tree", e);
        }
    }

    /** The same tree with object keys sorted at every level (arrays keep their order). */
    private static JsonNode canonical(JsonNode n) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String k : names) {
                out.set(k, canonical(n.get(k)));
            }
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                out.add(canonical(it.next()));
            }
            return out;
        }
        return n;
    }

    /**
     * Checks a parsed manifest for everything inference relies on.
     *
     * @throws ModelFormatException naming {@code source} and the first problem found
     */
    static void validate(Manifest m, String source) {
        String p = source + ": " + ModelBundle.MANIFEST + " ";
        require(m.name() != null && !m.name().isBlank(), p + "has no model name");
        require(m.framescopeVersion() != null, p + "has no framescopeVersion");
        require(m.scheme() != null, p + "has no label scheme");
        require(m.features() != null, p + "has no feature settings");
        require(m.network() != null, p + "has no network settings");
        require(
                m.decisions() != null
                        && m.decisions().paragraph() != null
                        && m.decisions().article() != null,
                p + "has no decisions for both levels");
        require(m.entries() != null, p + "lists no entry checksums");
        FeatureSpec f = m.features();
        FeatureBlocks blocks;
        try {
            blocks = FeatureBlocks.parse(String.valueOf(f.blocks()));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(p + "has " + e.getMessage());
        }
        int width = 0;
        if (blocks.embeddings()) {
            EncoderIdentity e = f.encoder();
            require(
                    e != null
                            && e.id() != null
                            && e.dim() > 0
                            && e.sha256() != null
                            && e.sha256().matches("[0-9a-f]{64}"),
                    p + "uses embeddings but records no valid encoder (id, 64-hex sha256, dimension)");
            require(
                    e.tokenizerSha256() == null || e.tokenizerSha256().matches("[0-9a-f]{64}"),
                    p + "records a malformed tokenizer sha256");
            width += e.dim();
        }
        if (blocks.lexical()) {
            require(f.lexical() != null, p + "uses lexical features but records no lexical settings");
            width += f.lexical().dim();
        }
        require(
                Float.isFinite(f.inputScale()) && f.inputScale() > 0,
                p + "has input scale " + f.inputScale() + "; it must be positive");
        NetworkSpec n = m.network();
        require(
                n.inputDim() == width,
                p + "gives the network input width " + n.inputDim() + " but the features are " + width + " wide");
        require(n.hidden() >= 0, p + "has a negative hidden width");
        for (Level level : Level.values()) {
            Map<String, TaskDecision> byTask = level == Level.PARAGRAPH
                    ? m.decisions().paragraph()
                    : m.decisions().article();
            for (String task : byTask.keySet()) {
                require(
                        m.scheme().task(task).isPresent(),
                        p + "has " + level.wireName() + " decisions for unknown task '" + task + "'");
            }
            for (Task t : m.scheme().tasks()) {
                TaskDecision d = byTask.get(t.name());
                String where = level.wireName() + " decision for task '" + t.name() + "'";
                require(d != null, p + "has no " + where);
                if (t.multiLabel()) {
                    require(
                            d.labels().size() == t.size(),
                            p + "has " + d.labels().size() + " labels in its " + where + " but the task has "
                                    + t.size());
                    for (int i = 0; i < t.size(); i++) {
                        LabelDecision l = d.labels().get(i);
                        require(
                                l != null && Double.isFinite(l.a()) && Double.isFinite(l.b()),
                                p + "has a non-finite calibration for label '"
                                        + t.labels().get(i) + "' in its " + where);
                        require(
                                l.threshold() >= 0 && l.threshold() <= 1,
                                p + "has threshold " + l.threshold() + " for label '"
                                        + t.labels().get(i) + "' in its " + where + "; thresholds lie in [0, 1]");
                    }
                } else {
                    require(
                            Double.isFinite(d.temperature()) && d.temperature() > 0,
                            p + "has temperature " + d.temperature() + " in its " + where + "; it must be positive");
                }
            }
        }
        validateFewShot(m, p);
    }

    /**
     * Few-shot records: each names a multi-label task and a label of it, at least
     * {@link FewShotLabel#MIN_EXAMPLES} positive examples and one negative, a description, the examples'
     * SHA-256, and cross-validation figures in range.
     */
    private static void validateFewShot(Manifest m, String p) {
        if (m.fewShot() == null) {
            return;
        }
        for (Map.Entry<String, Map<String, FewShotLabel>> e : m.fewShot().entrySet()) {
            var task = m.scheme().task(e.getKey());
            require(
                    task.isPresent() && task.get().multiLabel(),
                    p + "has few-shot labels for '" + e.getKey() + "', which is not a multi-label task of its scheme");
            require(e.getValue() != null, p + "has no few-shot records for task '" + e.getKey() + "'");
            for (Map.Entry<String, FewShotLabel> l : e.getValue().entrySet()) {
                String where = "few-shot label '" + e.getKey() + ":" + l.getKey() + "'";
                FewShotLabel r = l.getValue();
                require(task.get().indexOf(l.getKey()) >= 0, p + "has a " + where + " that its task does not list");
                require(
                        r != null && r.description() != null && !r.description().isBlank(),
                        p + "has no description for its " + where);
                require(
                        r.examplesSha256() != null && r.examplesSha256().matches("[0-9a-f]{64}"),
                        p + "records no valid examples sha256 for its " + where);
                require(
                        r.positives() >= FewShotLabel.MIN_EXAMPLES && r.negatives() >= 1,
                        p + "records " + r.positives() + " positives and " + r.negatives() + " negatives for its "
                                + where + "; it needs at least " + FewShotLabel.MIN_EXAMPLES + " and 1");
                FewShotLabel.FewShotCv cv = r.cv();
                require(
                        cv != null
                                && cv.folds() >= 2
                                && unit(cv.precision())
                                && unit(cv.recall())
                                && unit(cv.f1())
                                && Double.isFinite(cv.logLoss())
                                && cv.logLoss() >= 0,
                        p + "has no valid cross-validation record for its " + where);
                require(
                        Double.isFinite(r.l2()) && r.l2() > 0,
                        p + "has L2 penalty " + r.l2() + " for its " + where + "; it must be positive");
            }
        }
    }

    private static boolean unit(double v) {
        return v >= 0 && v <= 1;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ModelFormatException(message);
        }
    }
}
