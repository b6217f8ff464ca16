package org.framescope.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.framescope.FrameScope;
import org.framescope.TestSchemes;
import org.framescope.encode.FakeEncoder;
import org.framescope.encode.FeatureBlocks;
import org.framescope.io.Corpus;
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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelBundleTest {

    static final FakeEncoder ENCODER = new FakeEncoder("a".repeat(64), 16);
    static ModelBundle bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws Exception {
        List<SyntheticData.Article> arts = SyntheticData.articles(30, 3, 11);
        Corpus c = new CorpusReader(TestSchemes.tiny(), CsvColumns.defaults(), Segmenter.defaults(), 100_000)
                .read(CsvTable.parse("s.csv", SyntheticData.paragraphCsv(arts, "train").getBytes(StandardCharsets.UTF_8)));
        TrainConfig cfg = TrainConfig.defaults().withBlocks(FeatureBlocks.BOTH).withHidden(List.of(8)).withEpochs(3, 3);
        List<List<org.framescope.model.LabeledArticle>> td = Trainer.trainDev(c, 0.2, 1);
        bundle = new Trainer(cfg).train(TestSchemes.tiny(), c, td.get(0), td.get(1), ENCODER).bundle();
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
                data = new String(data, StandardCharsets.UTF_8).replaceFirst("\"documents\" : \\d+", "\"documents\" : 999").getBytes(StandardCharsets.UTF_8);
            }
            return data;
        });
        assertThatThrownBy(() -> ModelBundle.load(t)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("entry 'lexical.json' fails its SHA-256 check");
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        byte[] all = Files.readAllBytes(f);
        Path t = dir.resolve("cut.zip");
        Files.write(t, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> ModelBundle.load(t)).isInstanceOf(ModelFormatException.class)
                .hasMessageMatching(".*(truncated|missing).*");
        Files.write(t, new byte[0]);
        assertThatThrownBy(() -> ModelBundle.load(t)).isInstanceOf(ModelFormatException.class).hasMessageContaining("not a framescope model");
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
        assertThatThrownBy(() -> ModelBundle.load(t)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model format version " + (Manifest.FORMAT_VERSION + 1) + " is newer than this framescope");
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
        Path t = rewrite(f, dir.resolve("scheme.zip"), (name, data) -> {
            if (name.equals(ModelBundle.MANIFEST)) {
                return new String(data, StandardCharsets.UTF_8).replace("\"labels\" : [ \"a\", \"b\", \"c\" ]", "\"labels\" : [ \"a\", \"b\" ]")
                        .getBytes(StandardCharsets.UTF_8);
            }
            return data;
        });
        assertThatThrownBy(() -> ModelBundle.load(t)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("head for task 'frames' has 3 outputs but the scheme lists 2 labels");
    }

    @Test
    void refusesUnknownEntries() throws Exception {
        Path f = dir.resolve("m.zip");
        bundle.save(f);
        Path t = dir.resolve("extra.zip");
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(f)); ZipOutputStream out = new ZipOutputStream(bos)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.readAllBytes());
            }
            out.putNextEntry(new ZipEntry("payload.ser"));
            out.write(new byte[]{1});
        }
        Files.write(t, bos.toByteArray());
        assertThatThrownBy(() -> ModelBundle.load(t)).hasMessageContaining("unexpected entry 'payload.ser'");
    }

    interface Edit {
        byte[] apply(String name, byte[] data);
    }

    static Path rewrite(Path from, Path to, Edit edit) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from)); ZipOutputStream out = new ZipOutputStream(bos)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(edit.apply(e.getName(), in.readAllBytes()));
            }
        }
        Files.write(to, bos.toByteArray());
        return to;
    }
}
