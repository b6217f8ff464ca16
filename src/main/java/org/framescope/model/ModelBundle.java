package org.framescope.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.framescope.encode.Featurizer;
import org.framescope.encode.LexicalFeaturizer;
import org.framescope.encode.SentenceEncoder;
import org.framescope.util.AtomicFiles;
import org.framescope.util.Hashing;

/**
 * A trained model as one self-describing zip file:
 * <ul>
 *   <li>{@code manifest.json}: scheme, features, decisions, provenance, metrics, checksums;</li>
 *   <li>{@code network.zip}: the DL4J graph (ModelSerializer, no updater state);</li>
 *   <li>{@code lexical.json}: fitted IDF weights, when the model uses lexical features.</li>
 * </ul>
 * Loading checks the format version, the manifest's seal (a digest over its canonical form, which
 * lists every other entry's SHA-256), every entry's SHA-256, the manifest's contents (see
 * {@code ManifestChecks}) and the network's head sizes against the scheme; it reads entries by their
 * known names only and refuses entries that expand past {@link #MAX_ENTRY_BYTES}. No Java
 * serialization is used.
 *
 * <p>Most callers never touch a bundle: {@link org.framescope.FrameScope#load(Path)} loads and
 * {@link org.framescope.TrainingResult#save(Path)} saves one.
 *
 * <p><b>Thread-safety:</b> the static methods are thread-safe. A bundle is a record of immutable
 * parts except the DL4J network, which must not be run from several threads at once: whoever runs
 * it holds the network's own monitor ({@code synchronized (bundle.network())}), as
 * {@link org.framescope.FrameScope} and {@link #save(Path)} do, so any number of facades and savers
 * may share one bundle.
 *
 * <p><b>Exceptions:</b> loading throws {@link ModelFormatException} (unchecked) for a file that is
 * not a usable model; saving throws {@link IOException}.
 *
 * @param manifest the model card and integrity data
 * @param network  the trained DL4J graph
 * @param lexical  the fitted lexical featurizer (IDF weights), or null when the model uses
 *                 embeddings only
 */
public record ModelBundle(Manifest manifest, ComputationGraph network, LexicalFeaturizer lexical) {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelBundle.class);

    /** Name of the manifest entry. */
    public static final String MANIFEST = "manifest.json";
    /** Name of the network entry. */
    public static final String NETWORK = "network.zip";
    /** Name of the lexical entry (IDF weights). */
    public static final String LEXICAL = "lexical.json";

    /**
     * The featurizer this model reads its inputs with: the encoder (only when the model was trained
     * with embeddings; an ablation may not be), its lexical block and its input scale.
     *
     * @param encoder the model's sentence encoder, or null for a model without embeddings
     * @return a featurizer for scoring with this model
     */
    public Featurizer featurizer(SentenceEncoder encoder) {
        return new Featurizer(
                manifest.features().encoder() == null ? null : encoder,
                lexical,
                manifest.features().inputScale());
    }

    private static final Set<String> KNOWN = Set.of(MANIFEST, NETWORK, LEXICAL);
    private static final long MIB = 1L << 20;
    /**
     * Most bytes each entry may expand to (the shipped model's are 62 KB, 2.2 MB and 170 KB): a
     * crafted file must fail with a clear error, not exhaust memory (a zip bomb).
     */
    public static final Map<String, Long> MAX_ENTRY_BYTES =
            Map.of(MANIFEST, 16 * MIB, NETWORK, 512 * MIB, LEXICAL, 64 * MIB);
    /** Most bytes the network entry's own zip (DL4J's format) may expand to, all its entries together. */
    public static final long MAX_NETWORK_EXPANDED_BYTES = 1024 * MIB;

    /**
     * The Jackson mapper manifests are written and read with (indented output, unknown properties
     * ignored). A new mapper on each call; never throws.
     *
     * @return a new mapper
     */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * {@link #save(Path)} for the library's result types, whose callers get unchecked exceptions.
     *
     * @throws java.io.UncheckedIOException naming the file, if it cannot be written
     */
    public Manifest saveOrThrow(Path file) {
        try {
            return save(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(file + ": cannot write the model: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the bundle atomically (a temporary file in the same directory, then a move), with fixed
     * entry timestamps: the same model gives the same bytes.
     *
     * @param file the file to write; replaced if it exists
     * @return the manifest as written, with the SHA-256 of every entry
     * @throws IOException if the file cannot be written
     */
    public Manifest save(Path file) throws IOException {
        ObjectMapper m = mapper();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        ByteArrayOutputStream net = new ByteArrayOutputStream();
        synchronized (network) { // the network's users synchronise on it (see FrameScope)
            ModelSerializer.writeModel(network, net, false);
        }
        entries.put(NETWORK, withFixedTimestamps(net.toByteArray()));
        if (lexical != null) {
            ObjectNode lx = m.createObjectNode();
            lx.put("documents", lexical.documents());
            ArrayNode idf = lx.putArray("idf");
            for (float f : lexical.idf()) {
                idf.add(f);
            }
            entries.put(LEXICAL, m.writeValueAsBytes(lx));
        }
        Map<String, String> sums = new TreeMap<>();
        entries.forEach((k, v) -> sums.put(k, Hashing.sha256(v)));
        Manifest written = manifest.withEntries(sums);
        // Seal the manifest as it will be read back: digest the tree parsed from its own bytes.
        ObjectNode tree = (ObjectNode) m.readTree(m.writeValueAsBytes(written));
        tree.put(ManifestChecks.DIGEST, ManifestChecks.digest(tree));
        byte[] manifestBytes = m.writeValueAsBytes(tree);
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, MANIFEST, manifestBytes);
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    put(zip, e.getKey(), e.getValue());
                }
            }
        });
        return written;
    }

    /**
     * ModelSerializer stamps its zip entries with the current time; rewriting them with a fixed time
     * makes the same network serialise to the same bytes, so bundle checksums are reproducible.
     */
    static byte[] withFixedTimestamps(byte[] zipBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zipBytes.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                put(zip, e.getName(), in.readAllBytes());
            }
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0L); // fixed timestamps: same model, same bytes
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /**
     * Reads and validates a model file.
     *
     * @param file a model written by {@link #save(Path)}
     * @return the bundle
     * @throws ModelFormatException if the file is missing or unreadable, not a framescope model,
     *                              truncated, corrupt or modified (an entry fails its SHA-256 check),
     *                              newer than this framescope reads, or its network does not fit its
     *                              manifest
     * @throws NullPointerException if {@code file} is null
     */
    public static ModelBundle load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + ": model file not found");
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read model file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and validates a bundle from a stream, which is read to its end and closed.
     *
     * @param in     the bundle's bytes
     * @param source names the bundle in error messages
     * @return the bundle
     * @throws ModelFormatException as {@link #load(Path)}
     * @throws NullPointerException if {@code in} is null
     */
    public static ModelBundle load(InputStream in, String source) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!KNOWN.contains(e.getName())) {
                    throw new ModelFormatException(source + ": unexpected entry '" + e.getName() + "' in model file");
                }
                if (raw.put(
                                e.getName(),
                                readBounded(
                                        zip, MAX_ENTRY_BYTES.get(e.getName()), "entry '" + e.getName() + "'", source))
                        != null) {
                    throw new ModelFormatException(source + ": duplicate entry '" + e.getName() + "' in model file");
                }
            }
        } catch (ZipException | java.io.EOFException | IllegalArgumentException e) {
            // IllegalArgumentException: the JDK's zip reader on an entry name that is not UTF-8.
            throw new ModelFormatException(source + ": truncated or corrupt model file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot read model file: " + e.getMessage(), e);
        }
        byte[] manifestBytes = raw.get(MANIFEST);
        if (manifestBytes == null) {
            throw new ModelFormatException(
                    source + ": not a framescope model (no " + MANIFEST + "; truncated or another kind of zip)");
        }
        ObjectMapper m = mapper();
        JsonNode tree;
        try {
            tree = m.readTree(manifestBytes);
        } catch (IOException e) {
            throw new ModelFormatException(source + ": " + MANIFEST + " is not valid JSON: " + e.getMessage(), e);
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version > Manifest.FORMAT_VERSION) {
            throw new ModelFormatException(source + ": model format version " + version
                    + " is newer than this framescope (" + org.framescope.Version.VERSION + ") reads ("
                    + Manifest.FORMAT_VERSION + "); upgrade framescope");
        }
        if (version < 1) {
            throw new ModelFormatException(source + ": " + MANIFEST + " has no valid formatVersion");
        }
        if (!tree.isObject()) {
            throw new ModelFormatException(source + ": " + MANIFEST + " is not a JSON object");
        }
        JsonNode seal = tree.get(ManifestChecks.DIGEST);
        if (seal == null && version >= 3) {
            throw new ModelFormatException(
                    source + ": " + MANIFEST + " has no digest (format " + version + " bundles are sealed)");
        }
        if (seal == null) {
            LOG.warn(
                    "{}: model format {} predates sealed manifests; save it again with this framescope to seal it",
                    source,
                    version);
        } else if (!seal.asText().equals(ManifestChecks.digest(tree))) {
            throw new ModelFormatException(source + ": " + MANIFEST + " fails its digest check (edited or corrupted)");
        }
        Manifest manifest;
        try {
            manifest = m.treeToValue(((ObjectNode) tree).without(ManifestChecks.DIGEST), Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFormatException(source + ": " + MANIFEST + " is malformed: " + oneLine(e), e);
        }
        ManifestChecks.validate(manifest, source);
        if (manifest.entries() == null || !manifest.entries().containsKey(NETWORK)) {
            throw new ModelFormatException(source + ": " + MANIFEST + " lists no checksum for " + NETWORK);
        }
        for (String name : raw.keySet()) {
            if (!name.equals(MANIFEST) && !manifest.entries().containsKey(name)) {
                throw new ModelFormatException(source + ": entry '" + name + "' is not listed in the manifest");
            }
        }
        for (Map.Entry<String, String> e : manifest.entries().entrySet()) {
            byte[] data = raw.get(e.getKey());
            if (data == null) {
                throw new ModelFormatException(
                        source + ": entry '" + e.getKey() + "' is missing (truncated model file?)");
            }
            if (!Hashing.sha256(data).equals(e.getValue())) {
                throw new ModelFormatException(
                        source + ": entry '" + e.getKey() + "' fails its SHA-256 check (corrupted or modified)");
            }
        }
        checkNetworkZip(raw.get(NETWORK), source);
        ComputationGraph net;
        try {
            net = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(raw.get(NETWORK)), false);
        } catch (Exception e) {
            throw new ModelFormatException(source + ": cannot read the network: " + e.getMessage(), e);
        }
        checkHeads(manifest, net, source);
        LexicalFeaturizer lexical = null;
        if (manifest.features().lexical() != null) {
            byte[] lx = raw.get(LEXICAL);
            if (lx == null) {
                throw new ModelFormatException(source + ": the model uses lexical features but has no " + LEXICAL);
            }
            try {
                JsonNode n = m.readTree(lx);
                int want = manifest.features().lexical().dim();
                if (n.path("idf").size() != want || n.path("documents").asInt() < 1) {
                    throw new ModelFormatException(source + ": " + LEXICAL + " holds "
                            + n.path("idf").size() + " IDF weights; the lexical settings need " + want
                            + " and a positive document count");
                }
                float[] idf = new float[want];
                for (int i = 0; i < idf.length; i++) {
                    JsonNode v = n.path("idf").get(i);
                    idf[i] = (float) v.asDouble(Double.NaN);
                    if (!v.isNumber() || !Float.isFinite(idf[i])) {
                        throw new ModelFormatException(
                                source + ": " + LEXICAL + " has a non-finite IDF weight at index " + i);
                    }
                }
                lexical = new LexicalFeaturizer(
                        manifest.features().lexical(), idf, n.path("documents").asInt());
            } catch (IOException | IllegalArgumentException e) {
                throw new ModelFormatException(source + ": " + LEXICAL + " is malformed: " + e.getMessage(), e);
            }
        }
        return new ModelBundle(manifest, net, lexical);
    }

    /** Reads a zip entry, refusing to expand it past {@code limit} bytes. */
    private static byte[] readBounded(InputStream in, long limit, String what, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int r; (r = in.read(buf)) > 0; ) {
            total += r;
            if (total > limit) {
                throw new ModelFormatException(source + ": " + what + " expands past " + (limit / MIB)
                        + " MiB, the limit (not a framescope model, or a zip bomb)");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    /**
     * The network entry is itself a zip that DL4J expands in memory: count what it expands to
     * before handing it over, so a crafted inner entry fails here and not with OutOfMemoryError.
     */
    private static void checkNetworkZip(byte[] network, String source) {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(network))) {
            int entries = 0;
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (++entries > 64) {
                    throw new ModelFormatException(
                            source + ": " + NETWORK + " has more than 64 entries (not a DL4J network)");
                }
                for (int r; (r = zip.read(buf)) > 0; ) {
                    total += r;
                    if (total > MAX_NETWORK_EXPANDED_BYTES) {
                        throw new ModelFormatException(source + ": " + NETWORK + " expands past "
                                + (MAX_NETWORK_EXPANDED_BYTES / MIB) + " MiB, the limit (a zip bomb?)");
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelFormatException(
                    source + ": " + NETWORK + " is not a readable zip (" + e.getMessage() + ")", e);
        }
    }

    /** An exception's message on one line (Jackson's carry source locations on further lines). */
    private static String oneLine(Exception e) {
        String msg = String.valueOf(e.getMessage());
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    private static void checkHeads(Manifest manifest, ComputationGraph net, String source) {
        var conf = net.getConfiguration();
        for (Task t : manifest.scheme().tasks()) {
            // A head is the task's logits layer, plus any few-shot units merged after it (NetworkSurgery).
            long nOut = NetworkSurgery.width(conf, NetworkFactory.logitsLayer(t), NetworkSurgery.mergedLogits(t));
            if (nOut < 0) {
                throw new ModelFormatException(source + ": the network has no head for task '" + t.name() + "'");
            }
            if (nOut != t.size()) {
                throw new ModelFormatException(source + ": head for task '" + t.name() + "' has " + nOut
                        + " outputs but the scheme lists " + t.size() + " labels");
            }
        }
        if (manifest.network().hasDocHeads()) {
            for (Task t : manifest.scheme().tasks()) {
                var layer = net.getLayer(NetworkFactory.docLayer(t));
                if (layer == null) {
                    throw new ModelFormatException(
                            source + ": the network has no whole-article head for task '" + t.name() + "'");
                }
                var ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer)
                        layer.conf().getLayer();
                long nOut = NetworkSurgery.width(conf, NetworkFactory.docLayer(t), NetworkSurgery.mergedDoc(t));
                if (nOut != t.size() || ff.getNIn() != manifest.network().inputDim()) {
                    throw new ModelFormatException(source + ": whole-article head for task '" + t.name() + "' is "
                            + ff.getNIn() + " -> " + nOut + ", the manifest wants "
                            + manifest.network().inputDim() + " -> " + t.size());
                }
            }
        }
        for (Task t : NetworkFactory.gatedTasks(manifest.scheme(), manifest.network())) {
            var layer = net.getLayer(NetworkFactory.gateLayer(t));
            if (layer == null
                    || ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer)
                                            layer.conf().getLayer())
                                    .getNOut()
                            != 1) {
                throw new ModelFormatException(
                        source + ": the network has no one-output gate for task '" + t.name() + "'");
            }
        }
        if (manifest.articleSources() != null) {
            manifest.articleSources().forEach((key, src) -> {
                // "task" gives a task its source; "task:label" gives one label (a few-shot one) its own.
                int colon = key.indexOf(':');
                String task = colon < 0 ? key : key.substring(0, colon);
                var t = manifest.scheme().task(task);
                if (colon >= 0 && t.isPresent() && t.get().indexOf(key.substring(colon + 1)) < 0) {
                    throw new ModelFormatException(
                            source + ": article source for '" + key + "' names a label the task does not have");
                }
                List<String> ok = t.map(x -> colon < 0
                                ? RawOutputs.sources(manifest.network(), x)
                                : RawOutputs.labelSources(manifest.network(), x))
                        .orElse(List.of());
                if (t.isEmpty() || !ok.contains(src)) {
                    throw new ModelFormatException(source + ": article source '" + src + "' for "
                            + (colon < 0 ? "task" : "label") + " '" + key + "' does not fit the network (" + ok + ")");
                }
            });
        }
        String first = manifest.network().hidden() > 0
                ? "hidden"
                : NetworkFactory.logitsLayer(manifest.scheme().tasks().get(0));
        if (net.getLayer(first) == null) {
            throw new ModelFormatException(source + ": the network has no layer '" + first + "'");
        }
        long nIn = ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer)
                        net.getLayer(first).conf().getLayer())
                .getNIn();
        if (nIn != manifest.network().inputDim()) {
            throw new ModelFormatException(source + ": network input width " + nIn + " does not match the manifest's "
                    + manifest.network().inputDim());
        }
    }
}
