package org.framescope.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.framescope.model.EncoderIdentity;
import org.framescope.model.Manifest;
import org.framescope.model.Provenance;
import org.framescope.model.Task;

/**
 * {@code GET /v1/model}: the model card clients need (labels with descriptions, metrics, provenance).
 * A projection of the manifest rather than the manifest itself: checksums of bundle entries and
 * thresholds are internals, and file paths of the training machine are cut to file names.
 */
public record ModelInfo(
        String name,
        String framescopeVersion,
        String created,
        String features,
        EncoderInfo encoder,
        List<TaskInfo> tasks,
        JsonNode metrics,
        ProvenanceInfo provenance) {

    public record TaskInfo(String name, String type, String neutral, List<LabelInfo> labels) {}

    public record LabelInfo(String name, String description) {}

    public record EncoderInfo(String id, String artifact, int dim, String pooling, int maxTokens, String licence) {}

    public record ProvenanceInfo(
            String dataFile,
            String dataSha256,
            Map<String, Integer> counts,
            long seed,
            Map<String, Object> hyperparameters,
            int epochs,
            double trainSeconds,
            String java,
            String os,
            String created) {}

    static ModelInfo of(Manifest m) {
        List<TaskInfo> tasks = m.scheme().tasks().stream().map(ModelInfo::task).toList();
        EncoderIdentity e = m.features() == null ? null : m.features().encoder();
        EncoderInfo enc = e == null
                ? null
                : new EncoderInfo(e.id(), e.artifact(), e.dim(), e.pooling(), e.maxTokens(), e.licence());
        Provenance p = m.provenance();
        ProvenanceInfo prov = p == null
                ? null
                : new ProvenanceInfo(
                        fileName(p.dataFile()),
                        p.dataSha256(),
                        p.counts(),
                        p.seed(),
                        p.hyperparameters(),
                        p.epochs(),
                        p.trainSeconds(),
                        p.java(),
                        p.os(),
                        p.created());
        return new ModelInfo(
                m.name(),
                m.framescopeVersion(),
                m.created(),
                m.features() == null ? null : m.features().blocks(),
                enc,
                tasks,
                scrub(m.metrics()),
                prov);
    }

    private static TaskInfo task(Task t) {
        List<LabelInfo> labels = t.labels().stream()
                .map(l -> new LabelInfo(l, t.descriptions().get(l)))
                .toList();
        return new TaskInfo(t.name(), t.type().wireName(), t.neutral(), labels);
    }

    /** Evaluations name their data file ("data" fields); keep only the file name. */
    private static JsonNode scrub(JsonNode metrics) {
        if (metrics == null || metrics.isNull()) {
            return null;
        }
        JsonNode copy = metrics.deepCopy();
        copy.forEach(ModelInfo::scrubData);
        if (copy.isObject()) {
            scrubData(copy);
        }
        return copy;
    }

    private static void scrubData(JsonNode n) {
        if (n instanceof ObjectNode o && o.path("data").isTextual()) {
            o.put("data", fileName(o.get("data").asText()));
        }
    }

    static String fileName(String path) {
        if (path == null) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(cut + 1);
    }
}
