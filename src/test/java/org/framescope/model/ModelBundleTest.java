package org.framescope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.framescope.FrameScope;
import org.framescope.TestSchemes;
import org.framescope.data.Corpus;
import org.framescope.encode.FakeEncoder;
import org.framescope.encode.FeatureBlocks;
import org.framescope.io.CorpusReader;
import org.framescope.io.CsvColumns;
import org.framescope.io.CsvTable;
import org.framescope.text.Segmenter;
import org.framescope.train.SyntheticData;
import org.framescope.train.TrainConfig;
import org.framescope.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    static final FakeEncoder ENCODER = new FakeEncoder("a".repeat(64), 16);
    static ModelBundle bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws Exception {
        List<SyntheticData.Article> arts = SyntheticData.articles(30, 3, 11);
        Corpus c = new CorpusReader(TestSchemes.tiny(), CsvColumns.defaults(), Segmenter.defaults(), 100_000)
                .read(CsvTable.parse(
                        "s.csv", SyntheticData.paragraphCsv(arts, "train").getBytes(StandardCharsets.UTF_8)));
        TrainConfig cfg = TrainConfig.defaults()
                .withBlocks(FeatureBlocks.BOTH)
                .withHidden(List.of(8))
                .withEpochs(3, 3);
        List<List<org.framescope.data.LabeledArticle>> td = Trainer.trainDev(c, 0.2, 1);
        bundle = new Trainer(cfg)
                .train(TestSchemes.tiny(), c, td.get(0), td.get(1), ENCODER)
                .bundle();
    }

    private static List<String> sample() {
        return List.of("zorblat quintex applaudit", "nothing to see here");
    }

    @Test
    void roundTripsWithIdenticalOutputsAndIsByteStable() throws Exception {
        Path f = dir.resolve("m.zip");
        Manifest written = bundle.save(f);
        assertThat(written.entries()).containsKeys(ModelBundle.NETWORK, ModelBundle.LEXICAL);
        ModelBundle back = ModelBundle.load(f);
        assertThat(back.manifest().scheme()).isEqualTo(TestSchemes.tiny());
        assertThat(back.manifest().features().encoder().sha256()).isEqualTo(ENCODER.sha256());
        try (FrameScope a = FrameScope.open(bundle, FrameScope.Options.defaults(), ENCODER);
                FrameScope b = FrameScope.open(back, FrameScope.Options.defaults(), ENCODER)) {
            assertThat(b.classifyParagraphs("x", sample(), "en")).isEqualTo(a.classifyParagraphs("x", sample(), "en"));
        }
        Path g = dir.resolve("m2.zip");
        back.save(g);
        assertThat(Files.readAllBytes(g)).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void refusesATamperedEntry() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        Path t = rewrite(f, dir.resolve("t.zip"), (name, data) -> {
            if (name.equals(ModelBundle.LEXICAL)) {
                data = new String(data, StandardCharsets.UTF_8)
                        .replaceFirst("\"documents\" : \\d+", "\"documents\" : 999")
                        .getBytes(StandardCharsets.UTF_8);
            }
            return data;
        });
        assertThatThrownBy(() -> ModelBundle.load(t))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("entry 'lexical.json' fails its SHA-256 check");
    }

    /** Found by fuzzing: a local header whose one-byte entry name is 0xFF (not UTF-8). */
    @Test
    void anEntryNameThatIsNotUtf8IsAFormatError() {
        byte[] bytes =
                java.util.HexFormat.of().parseHex("504b03041400000800000000000000000000000000000000000001000000ff");
        assertThatThrownBy(() -> ModelBundle.load(new java.io.ByteArrayInputStream(bytes), "fuzz.zip"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("fuzz.zip: truncated or corrupt model file");
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        byte[] all = Files.readAllBytes(f);
        Path t = dir.resolve("cut.zip");
        Files.write(t, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> ModelBundle.load(t))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageMatching(".*(truncated|missing).*");
        Files.write(t, new byte[0]);
        assertThatThrownBy(() -> ModelBundle.load(t))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not a framescope model");
    }

    @Test
    void refusesANewerFormatVersion() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        Path t = rewrite(f, dir.resolve("new.zip"), (name, data) -> {
            if (name.equals(ModelBundle.MANIFEST)) {
                try {
                    ObjectNode n = (ObjectNode) ModelBundle.mapper().readTree(data);
                    n.put("formatVersion", Manifest.FORMAT_VERSION + 1);
                    return ModelBundle.mapper().writeValueAsBytes(n);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
            return data;
        });
        assertThatThrownBy(() -> ModelBundle.load(t))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(
                        "model format version " + (Manifest.FORMAT_VERSION + 1) + " is newer than this framescope");
    }

    @Test
    void refusesAWrongEncoder() {
        FakeEncoder other = new FakeEncoder("b".repeat(64), 16);
        assertThatThrownBy(() -> FrameScope.open(bundle, FrameScope.Options.defaults(), other))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("trained with encoder fake (sha256 aaaaaaaaaaaa")
                .hasMessageContaining("the encoder found is fake (sha256 bbbbbbbbbbbb");
    }

    @Test
    void refusesHeadsThatDoNotMatchTheScheme() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        // A consistent, resealed manifest whose scheme lost a label: only the network can tell.
        Path t = editManifest(f, "scheme.zip", true, n -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) n.at("/scheme/tasks/0/labels")).remove(2);
            ((com.fasterxml.jackson.databind.node.ArrayNode) n.at("/decisions/paragraph/frames/labels")).remove(2);
            ((com.fasterxml.jackson.databind.node.ArrayNode) n.at("/decisions/article/frames/labels")).remove(2);
        });
        assertThatThrownBy(() -> ModelBundle.load(t))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("head for task 'frames' has 3 outputs but the scheme lists 2 labels");
    }

    @Test
    void refusesUnknownEntries() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        Path t = dir.resolve("extra.zip");
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(f));
                ZipOutputStream out = new ZipOutputStream(bos)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.readAllBytes());
            }
            out.putNextEntry(new ZipEntry("payload.ser"));
            out.write(new byte[] {1});
        }
        Files.write(t, bos.toByteArray());
        assertThatThrownBy(() -> ModelBundle.load(t)).hasMessageContaining("unexpected entry 'payload.ser'");
    }

    @Test
    void theSealCatchesAnEditedThresholdOrLabel() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        Path zero = editManifest(
                f,
                "zero.zip",
                false,
                n -> ((ObjectNode) n.at("/decisions/article/frames/labels/0")).put("threshold", 0.0));
        assertThatThrownBy(() -> ModelBundle.load(zero))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("manifest.json fails its digest check (edited or corrupted)");
        Path renamed = editManifest(
                f,
                "renamed.zip",
                false,
                n -> ((com.fasterxml.jackson.databind.node.ArrayNode) n.at("/scheme/tasks/0/labels"))
                        .set(0, com.fasterxml.jackson.databind.node.TextNode.valueOf("zz")));
        assertThatThrownBy(() -> ModelBundle.load(renamed)).hasMessageContaining("fails its digest check");
        // The seal covers the other entries through their listed checksums.
        Path relisted = editManifest(
                f,
                "relisted.zip",
                false,
                n -> ((ObjectNode) n.get("entries")).put(ModelBundle.LEXICAL, "0".repeat(64)));
        assertThatThrownBy(() -> ModelBundle.load(relisted)).hasMessageContaining("fails its digest check");
    }

    @Test
    void aResealedManifestIsStillValidatedInFull() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        record Case(String name, java.util.function.Consumer<ObjectNode> edit, String message) {}
        List<Case> cases = List.of(
                new Case(
                        "threshold",
                        n -> ((ObjectNode) n.at("/decisions/paragraph/frames/labels/1")).put("threshold", 1.5),
                        "has threshold 1.5 for label 'b' in its paragraph decision for task 'frames'; thresholds lie in [0, 1]"),
                new Case(
                        "labels",
                        n -> ((com.fasterxml.jackson.databind.node.ArrayNode) n.at("/decisions/article/frames/labels"))
                                .remove(2),
                        "has 2 labels in its article decision for task 'frames' but the task has 3"),
                new Case(
                        "missing",
                        n -> ((ObjectNode) n.at("/decisions/article")).remove("frames"),
                        "has no article decision for task 'frames'"),
                new Case(
                        "width",
                        n -> ((ObjectNode) n.get("network")).put("inputDim", 17),
                        "gives the network input width 17 but the features are "
                                + bundle.manifest().network().inputDim() + " wide"),
                new Case(
                        "encoder",
                        n -> ((ObjectNode) n.at("/features/encoder")).put("sha256", "not-hex"),
                        "records no valid encoder"),
                new Case("name", n -> n.remove("name"), "has no model name"),
                new Case("decisions", n -> n.remove("decisions"), "has no decisions for both levels"));
        for (Case c : cases) {
            Path t = editManifest(f, c.name() + ".zip", true, c.edit());
            assertThatThrownBy(() -> ModelBundle.load(t))
                    .as(c.name())
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining(c.message());
        }
    }

    @Test
    void anUnsealedManifestLoadsOnlyInTheFormatBeforeSeals() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        Path v3 = editManifest(f, "v3.zip", false, n -> n.remove(ManifestChecks.DIGEST));
        assertThatThrownBy(() -> ModelBundle.load(v3))
                .hasMessageContaining("has no digest (format 3 bundles are sealed)");
        Path v2 = editManifest(f, "v2.zip", false, n -> {
            n.remove(ManifestChecks.DIGEST);
            n.put("formatVersion", 2);
        });
        assertThat(ModelBundle.load(v2).manifest().scheme()).isEqualTo(TestSchemes.tiny());
        // Saving it again seals it in the current format.
        Path again = dir.resolve("again.zip");
        ModelBundle.load(v2).save(again);
        assertThat(ModelBundle.load(again).manifest().formatVersion()).isEqualTo(Manifest.PLAIN_FORMAT_VERSION);
    }

    @Test
    void refusesEntriesThatExpandPastTheirLimit() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        long limit = ModelBundle.MAX_ENTRY_BYTES.get(ModelBundle.LEXICAL);
        // Blanks compress about 1000:1: a small file that would expand past the limit.
        Path bomb = rewrite(
                f,
                dir.resolve("bomb.zip"),
                (name, data) -> name.equals(ModelBundle.LEXICAL) ? new byte[(int) limit + 1] : data);
        assertThat(Files.size(bomb)).isLessThan(limit / 30);
        assertThatThrownBy(() -> ModelBundle.load(bomb))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("entry 'lexical.json' expands past 64 MiB, the limit");
    }

    @Test
    void refusesANetworkWhoseInnerZipIsNotOne() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        Path t = rewrite(
                f,
                dir.resolve("inner.zip"),
                (name, data) -> name.equals(ModelBundle.NETWORK) ? "not a zip".getBytes(StandardCharsets.UTF_8) : data);
        // Relist the new checksum and reseal: only the inner check stands between it and DL4J.
        Path relisted = editManifest(
                t,
                "inner2.zip",
                true,
                n -> ((ObjectNode) n.get("entries"))
                        .put(
                                ModelBundle.NETWORK,
                                org.framescope.util.Hashing.sha256("not a zip".getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> ModelBundle.load(relisted))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageMatching(".*network.*");
    }

    @Test
    void refusesAnotherTokenizerWithTheSameWeights() throws Exception {
        EncoderIdentity id = bundle.manifest().features().encoder().withTokenizerSha256("c".repeat(64));
        FeatureSpec fs = bundle.manifest().features();
        Manifest m = bundle.manifest();
        Manifest withTok = new Manifest(
                m.formatVersion(),
                m.framescopeVersion(),
                m.name(),
                m.created(),
                m.scheme(),
                new FeatureSpec(fs.blocks(), id, fs.lexical(), fs.segmenterRules(), fs.inputScale()),
                m.network(),
                m.pooling(),
                m.decisions(),
                m.provenance(),
                m.metrics(),
                m.entries(),
                m.articleSources());
        ModelBundle b = new ModelBundle(withTok, bundle.network(), bundle.lexical());
        org.framescope.encode.SentenceEncoder otherTokenizer = new org.framescope.encode.SentenceEncoder() {
            public org.framescope.encode.EncoderSpec spec() {
                return ENCODER.spec();
            }

            public String sha256() {
                return ENCODER.sha256();
            }

            public String tokenizerSha256() {
                return "d".repeat(64);
            }

            public int dim() {
                return ENCODER.dim();
            }

            public float[][] embed(List<String> texts) {
                return ENCODER.embed(texts);
            }

            public void close() {}
        };
        assertThatThrownBy(() -> FrameScope.open(b, FrameScope.Options.defaults(), otherTokenizer))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("trained with the tokenizer of fake (sha256 cccccccccccc");
        try (FrameScope ok = FrameScope.open(
                b, FrameScope.Options.defaults(), ENCODER)) { // an encoder that records none is not refused
            assertThat(ok.classifyParagraphs("x", sample(), "en").tasks()).isNotEmpty();
        }
    }

    @Test
    void warnsWhenTheModelWasTrainedWithOtherBoilerplateRules() {
        Manifest m = bundle.manifest();
        FeatureSpec fs = m.features();
        ModelBundle old = new ModelBundle(
                new Manifest(
                        m.formatVersion(),
                        m.framescopeVersion(),
                        m.name(),
                        m.created(),
                        m.scheme(),
                        new FeatureSpec(fs.blocks(), fs.encoder(), fs.lexical(), "1999-01-01.0", fs.inputScale()),
                        m.network(),
                        m.pooling(),
                        m.decisions(),
                        m.provenance(),
                        m.metrics(),
                        m.entries(),
                        m.articleSources()),
                bundle.network(),
                bundle.lexical());
        ch.qos.logback.classic.Logger log =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(FrameScope.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        log.addAppender(seen);
        try {
            FrameScope.open(bundle, FrameScope.Options.defaults(), ENCODER).close();
            assertThat(seen.list).isEmpty();
            FrameScope.open(old, FrameScope.Options.defaults(), ENCODER).close();
            assertThat(seen.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                assertThat(e.getFormattedMessage())
                        .contains("trained with boilerplate rules 1999-01-01.0 and this framescope has "
                                + org.framescope.text.BoilerplateFilter.defaults()
                                        .rulesVersion());
            });
        } finally {
            log.detachAppender(seen);
        }
    }

    /** Rewrites the manifest of a saved bundle through {@code edit}; {@code reseal} recomputes its digest. */
    private Path editManifest(Path from, String to, boolean reseal, java.util.function.Consumer<ObjectNode> edit)
            throws Exception {
        return rewrite(from, dir.resolve(to), (name, data) -> {
            if (!name.equals(ModelBundle.MANIFEST)) {
                return data;
            }
            try {
                ObjectNode n = (ObjectNode) ModelBundle.mapper().readTree(data);
                edit.accept(n);
                byte[] out = ModelBundle.mapper().writeValueAsBytes(n);
                return reseal ? resealed(out) : out;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The manifest with its digest recomputed, as a careful forger would: only validation remains. */
    static byte[] resealed(byte[] manifest) {
        try {
            ObjectNode n = (ObjectNode) ModelBundle.mapper().readTree(manifest);
            n.put(ManifestChecks.DIGEST, ManifestChecks.digest(n));
            return ModelBundle.mapper().writeValueAsBytes(n);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    interface Edit {
        byte[] apply(String name, byte[] data);
    }

    static Path rewrite(Path from, Path to, Edit edit) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
                ZipOutputStream out = new ZipOutputStream(bos)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(edit.apply(e.getName(), in.readAllBytes()));
            }
        }
        Files.write(to, bos.toByteArray());
        return to;
    }
}
