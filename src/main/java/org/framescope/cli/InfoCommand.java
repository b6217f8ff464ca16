package org.framescope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.framescope.FrameScope;
import org.framescope.model.Manifest;
import org.framescope.model.ModelBundle;
import org.framescope.model.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code framescope info}: the model card of a model file. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Print a model file's card: labels, encoder, training provenance and metrics.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "Model file (default: the shipped model).")
    Path model;

    @Option(names = "--json", description = "Print the whole manifest as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelBundle b;
        if (model != null) {
            b = ModelBundle.load(model);
        } else {
            b = FrameScope.shippedBundle(FrameScope.DEFAULT_MODEL_FILE);
        }
        Manifest m = b.manifest();
        if (json) {
            System.out.println(ModelBundle.mapper().writeValueAsString(m));
            return Main.OK;
        }
        var out = System.out;
        out.printf(
                "Model          %s (bundle format %d, framescope %s)%n",
                m.name(), m.formatVersion(), m.framescopeVersion());
        out.printf("Created        %s%n", m.created());
        out.printf("Scheme         %s%n", m.scheme().name());
        for (Task t : m.scheme().tasks()) {
            out.printf("  %s (%s)%n", t.name(), t.type().wireName());
            for (String l : t.labels()) {
                out.printf(
                        "    %-24s %s%s%n",
                        l,
                        m.fewShotLabel(t.name(), l) != null ? "[few-shot] " : "",
                        t.descriptions().getOrDefault(l, ""));
            }
        }
        var f = m.features();
        out.printf("Features       %s%n", f.blocks());
        if (f.encoder() != null) {
            out.printf(
                    "  encoder      %s, dim %d, %s pooling, window %d tokens, licence %s%n",
                    f.encoder().id(),
                    f.encoder().dim(),
                    f.encoder().pooling(),
                    f.encoder().maxTokens(),
                    f.encoder().licence());
            out.printf(
                    "               %s%n               sha256 %s%n",
                    f.encoder().artifact(), f.encoder().sha256());
        }
        if (f.lexical() != null) {
            out.printf(
                    "  lexical      hashed word 1-%d-grams (2^%d) + char %d-%d-grams (2^%d), TF-IDF%n",
                    f.lexical().wordNgramMax(),
                    f.lexical().wordBits(),
                    f.lexical().charMin(),
                    f.lexical().charMax(),
                    f.lexical().charBits());
        }
        out.printf(
                "Network        hidden %d%s, article path %s, %d inputs%n",
                m.network().hidden(),
                m.network().hidden() == 0 ? " (linear heads)" : "",
                m.network().articlePath(),
                m.network().inputDim());
        if (m.articleSources() != null && !m.articleSources().isEmpty()) {
            out.printf("  article      score per task: %s%n", m.articleSources());
        }
        if (m.fewShot() != null) {
            out.printf(
                    "Few-shot       labels added after training (framescope extend), scored by max over paragraphs, ungated%n");
            m.fewShot()
                    .forEach((task, labels) -> labels.forEach((l, r) -> {
                        out.printf(
                                Locale.ROOT,
                                "  %s:%s  %d positives, %d negatives %s, seed %d, L2 %g, added %s%n",
                                task,
                                l,
                                r.positives(),
                                r.negatives(),
                                r.negativeSources(),
                                r.seed(),
                                r.l2(),
                                r.created());
                        out.printf(
                                Locale.ROOT,
                                "               examples %s (sha256 %s)%s%n",
                                r.examplesFile(),
                                r.examplesSha256(),
                                r.negativesFile() == null ? "" : ", negatives " + r.negativesFile());
                        out.printf(
                                Locale.ROOT,
                                "               cross-validated on the examples (%d folds): precision %.3f, recall %.3f, F1 %.3f%n",
                                r.cv().folds(),
                                r.cv().precision(),
                                r.cv().recall(),
                                r.cv().f1());
                    }));
        }
        var p = m.provenance();
        out.printf("Training data  %s (sha256 %s)%n", p.dataFile(), p.dataSha256());
        out.printf("               %s%n", p.counts());
        out.printf(
                "Training       seed %d, %d epochs, %.1f s, %s, %s%n",
                p.seed(), p.epochs(), p.trainSeconds(), p.java(), p.os());
        out.printf("               %s%n", p.hyperparameters());
        out.printf("Selection      %s%n", p.selection());
        JsonNode metrics = m.metrics();
        if (metrics != null) {
            for (String split : new String[] {"dev", "test"}) {
                JsonNode e = metrics.get(split);
                if (e == null) {
                    continue;
                }
                out.printf("Metrics (%s)%n", split);
                for (String level : new String[] {"paragraph", "article"}) {
                    for (JsonNode t : e.path(level)) {
                        out.printf(
                                Locale.ROOT,
                                "  %-9s %-14s macro-F1 %.3f  micro-F1 %.3f%n",
                                level,
                                t.path("task").asText(),
                                t.path("macro").path("f1").asDouble(),
                                t.path("micro").path("f1").asDouble());
                    }
                }
            }
        }
        out.println("Entries        " + m.entries());
        return Main.OK;
    }
}
