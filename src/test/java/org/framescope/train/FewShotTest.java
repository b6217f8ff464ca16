package org.framescope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.framescope.FrameScope;
import org.framescope.TestSchemes;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.FakeEncoder;
import org.framescope.encode.FeatureBlocks;
import org.framescope.io.CorpusReader;
import org.framescope.io.CsvColumns;
import org.framescope.model.FewShotLabel;
import org.framescope.model.ModelBundle;
import org.framescope.model.ModelFormatException;
import org.framescope.model.RawScores;
import org.framescope.result.ArticleResult;
import org.framescope.text.Segmenter;
import org.framescope.util.InputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A label added from a description and a few examples, on tiny synthetic models. */
class FewShotTest {

    /** The planted word of the new label: in no training article. */
    static final String SIGNAL = "plombix";

    static final FakeEncoder ENCODER = new FakeEncoder("e".repeat(64), 16);

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** Lexical features, no hidden layer, gated article path (the default recipe); its training CSV is on disk. */
    static ModelBundle lexical;
    /** Embeddings (fake) + lexical, a hidden layer, both article heads. */
    static ModelBundle hidden;

    @BeforeAll
    static void train() throws Exception {
        Path csv = shared.resolve("synthetic.csv");
        Files.writeString(csv, SyntheticData.paragraphCsv(SyntheticData.articles(60, 4, 5), "train"));
        Corpus c = new CorpusReader(TestSchemes.tiny(), CsvColumns.defaults(), Segmenter.defaults(), 100_000)
                .read(csv.toString());
        List<List<LabeledArticle>> td = Trainer.trainDev(c, 0.2, 7);
        lexical = new Trainer(TrainConfig.defaults()
                        .withBlocks(FeatureBlocks.LEXICAL)
                        .withHidden(List.of(0))
                        .withEpochs(15, 5)
                        .withName("synthetic"))
                .train(TestSchemes.tiny(), c, td.get(0), td.get(1), null)
                .bundle();
        hidden = new Trainer(TrainConfig.defaults()
                        .withBlocks(FeatureBlocks.BOTH)
                        .withHidden(List.of(8))
                        .withEpochs(6, 3)
                        .withArticlePath("both")
                        .withName("hidden"))
                .train(TestSchemes.tiny(), c, td.get(0), td.get(1), ENCODER)
                .bundle();
    }

    /** The training data's filler words (its generator draws them first from its seed, 5). */
    static final String[] VOCAB = SyntheticData.vocabulary(new Random(5), 300);

    /** Paragraphs of the training data's kind: its filler words, old frame signals at times, and the new signal when planted. */
    static List<String> paragraphs(int n, long seed, boolean planted) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(paragraph(r, planted));
        }
        return out;
    }

    static String paragraph(Random r, boolean planted) {
        StringBuilder sb = SyntheticData.filler(r, VOCAB, 1, 25).get(0);
        if (r.nextDouble() < 0.3) {
            sb.append(SyntheticData.FRAME_SIGNALS[r.nextInt(3)]).append(' ');
        }
        if (planted) {
            sb.append(SIGNAL).append(' ');
        }
        return sb.toString().strip() + ".";
    }

    static Path csv(Path file, List<String> positives, List<String> negatives) throws Exception {
        StringBuilder sb = new StringBuilder("text,label\n");
        positives.forEach(p -> sb.append('"').append(p).append("\",yes\n"));
        negatives.forEach(p -> sb.append('"').append(p).append("\",0\n"));
        return Files.writeString(file, sb.toString());
    }

    static FewShotRequest request(Path examples, String task, String label) {
        return new FewShotRequest(
                task, label, "Texts that mention " + SIGNAL + ".", FewShotExamples.read(examples, null, 100_000), 42);
    }

    /** Articles of two to five paragraphs (padding and masks matter); every other one has the new signal in one paragraph. */
    static List<List<String>> heldOut(int n, long seed) {
        Random r = new Random(seed);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 2 + i % 4;
            int planted = i % 2 == 0 ? r.nextInt(len) : -1;
            List<String> ps = new ArrayList<>();
            for (int j = 0; j < len; j++) {
                ps.add(paragraph(r, j == planted));
            }
            out.add(ps);
        }
        return out;
    }

    @Test
    void theFacadeExtendsItsOwnModelAsTheLibraryCallDoes() throws Exception {
        Path ex = csv(dir.resolve("ex2.csv"), paragraphs(8, 101, true), List.of());
        FewShotResult direct = FewShot.extend(lexical, null, request(ex, "frames", "d"));
        try (FrameScope fs = FrameScope.open(lexical, FrameScope.Options.defaults(), null)) {
            FewShotResult viaFacade = fs.extend(request(ex, "frames", "d"));
            assertThat(viaFacade.record())
                    .usingRecursiveComparison()
                    .ignoringFields("created")
                    .isEqualTo(direct.record());
            assertThat(viaFacade.bundle().network().params())
                    .isEqualTo(direct.bundle().network().params());
            assertThat(fs.scheme().task("frames").orElseThrow().labels())
                    .as("the facade itself is unchanged")
                    .containsExactly("a", "b", "c");
        }
    }

    @Test
    void eightExamplesFindThePlantedLabelOnHeldOutText() throws Exception {
        Path ex = csv(dir.resolve("ex.csv"), paragraphs(8, 101, true), List.of());
        FewShotResult r = FewShot.extend(lexical, null, request(ex, "frames", "d"));
        assertThat(r.record().negativeSources())
                .as("negatives from the training CSV named in the provenance")
                .containsKey("corpus");
        List<List<String>> test = heldOut(40, 202);
        int tp = 0, fp = 0, fn = 0, evidenceRight = 0;
        try (FrameScope fs = FrameScope.open(r.bundle(), FrameScope.Options.defaults(), null)) {
            assertThat(fs.scheme().task("frames").orElseThrow().labels()).containsExactly("a", "b", "c", "d");
            for (int i = 0; i < test.size(); i++) {
                ArticleResult res = fs.classifyParagraphs("t" + i, test.get(i), "en");
                boolean gold = i % 2 == 0,
                        got = res.tasks().get("frames").labels().contains("d");
                tp += gold && got ? 1 : 0;
                fp += !gold && got ? 1 : 0;
                fn += gold && !got ? 1 : 0;
                int planted = -1;
                for (int j = 0; j < test.get(i).size(); j++) {
                    if (test.get(i).get(j).contains(SIGNAL)) {
                        planted = j;
                    }
                }
                final int pj = planted;
                if (res.evidence().stream()
                        .anyMatch(e -> e.label().equals("d") && e.paragraphs().get(0) == pj)) {
                    evidenceRight++;
                }
            }
        }
        double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
        assertThat(f1)
                .as("article F1 of the new label (tp %d, fp %d, fn %d)", tp, fp, fn)
                .isGreaterThan(0.9);
        assertThat(evidenceRight).as("evidence points at the planted paragraph").isGreaterThanOrEqualTo(tp - 1);
    }

    @Test
    void everyExistingScoreIsExactlyAsBefore() throws Exception {
        Path ex = csv(dir.resolve("ex.csv"), paragraphs(8, 101, true), paragraphs(25, 303, false));
        for (ModelBundle base : List.of(lexical, hidden)) {
            FewShotResult r = FewShot.extend(base, ENCODER, request(ex, "frames", "d"));
            List<List<String>> test = heldOut(20, 404);
            ObjectMapper json = new ObjectMapper();
            try (FrameScope before = FrameScope.open(base, FrameScope.Options.defaults(), ENCODER);
                    FrameScope after = FrameScope.open(r.bundle(), FrameScope.Options.defaults(), ENCODER)) {
                RawScores a = before.score(test), b = after.score(test);
                for (int i = 0; i < test.size(); i++) {
                    for (int k = 0; k < 2; k++) {
                        int labels = TestSchemes.tiny().tasks().get(k).size();
                        double[] art = java.util.Arrays.copyOf(b.article()[i][k], labels);
                        assertThat(art)
                                .as(
                                        "article %d task %d (%s)",
                                        i, k, base.manifest().name())
                                .containsExactly(a.article()[i][k]);
                        for (int j = 0; j < test.get(i).size(); j++) {
                            assertThat(java.util.Arrays.copyOf(b.paragraph()[i][j][k], labels))
                                    .containsExactly(a.paragraph()[i][j][k]);
                        }
                    }
                    assertThat(b.article()[i][0]).hasSize(4);
                    JsonNode old = json.valueToTree(before.classifyParagraphs("x", test.get(i), "en"));
                    JsonNode now = withoutLabel(
                            json.valueToTree(after.classifyParagraphs("x", test.get(i), "en")), "frames", "d");
                    assertThat(now).isEqualTo(old);
                }
            }
        }
    }

    /** An article result's JSON with every trace of one label removed. */
    static JsonNode withoutLabel(JsonNode result, String task, String label) {
        ObjectNode copy = result.deepCopy();
        List<JsonNode> tasks = new ArrayList<>();
        tasks.add(copy.path("tasks").path(task));
        copy.path("paragraphs").forEach(p -> tasks.add(p.path("tasks").path(task)));
        for (JsonNode t : tasks) {
            ((ObjectNode) t.path("scores")).remove(label);
            ArrayNode labels = (ArrayNode) t.path("labels");
            for (int i = labels.size() - 1; i >= 0; i--) {
                if (labels.get(i).asText().equals(label)) {
                    labels.remove(i);
                }
            }
        }
        ArrayNode evidence = (ArrayNode) copy.path("evidence");
        for (int i = evidence.size() - 1; i >= 0; i--) {
            if (evidence.get(i).path("label").asText().equals(label)) {
                evidence.remove(i);
            }
        }
        return copy;
    }

    @Test
    void theExtendedModelSavesReloadsAndRecordsTheLabel() throws Exception {
        Path ex = csv(dir.resolve("ex.csv"), paragraphs(8, 101, true), paragraphs(25, 303, false));
        FewShotResult r = FewShot.extend(lexical, null, request(ex, "frames", "d"));
        Path f = dir.resolve("ext.zip");
        r.save(f);
        ModelBundle back = ModelBundle.load(f); // seal and full validation
        assertThat(back.manifest().formatVersion()).isEqualTo(4);
        FewShotLabel rec = back.manifest().fewShotLabel("frames", "d");
        assertThat(rec).isEqualTo(r.record());
        assertThat(rec.positives()).isEqualTo(8);
        assertThat(rec.negatives()).isEqualTo(25);
        assertThat(rec.negativeSources()).containsEntry("examples", 25).doesNotContainKey("corpus");
        assertThat(rec.examplesSha256()).isEqualTo(org.framescope.util.Hashing.sha256(Files.readAllBytes(ex)));
        assertThat(rec.seed()).isEqualTo(42);
        assertThat(rec.cv().folds()).isEqualTo(5);
        assertThat(rec.cv().f1())
                .as("the planted word separates the examples out of fold")
                .isGreaterThan(0.8);
        assertThat(back.manifest().scheme().task("frames").orElseThrow().descriptions())
                .containsEntry("d", "Texts that mention plombix.");
        assertThat(back.manifest().articleSources())
                .containsEntry("frames:d", "max")
                .containsEntry("frames", lexical.manifest().articleSources().get("frames"));
        assertThat(back.manifest().decisions().article().get("frames").labels()).hasSize(4);
        // Seeded: the same request gives the same weights and decisions.
        FewShotResult again = FewShot.extend(lexical, null, request(ex, "frames", "d"));
        Path g = dir.resolve("again.zip");
        again.save(g);
        assertThat(ModelBundle.load(g).network().params())
                .isEqualTo(back.network().params());
        assertThat(ModelBundle.load(g).manifest().decisions())
                .isEqualTo(back.manifest().decisions());
        // A second label on top keeps the first.
        Path ex2 = csv(
                dir.resolve("ex2.csv"),
                paragraphs(6, 505, false).stream().map(p -> p + " wexolt").toList(),
                paragraphs(25, 606, false));
        FewShotResult two = FewShot.extend(
                back,
                null,
                new FewShotRequest("frames", "e", "Mentions wexolt.", FewShotExamples.read(ex2, null, 100_000), 1));
        Path h = dir.resolve("two.zip");
        two.save(h);
        ModelBundle both = ModelBundle.load(h);
        assertThat(both.manifest().fewShot().get("frames")).containsOnlyKeys("d", "e");
        assertThat(both.manifest().scheme().task("frames").orElseThrow().labels())
                .containsExactly("a", "b", "c", "d", "e");
        // Plain models are still written in format 3.
        Path plain = dir.resolve("plain.zip");
        lexical.save(plain);
        assertThat(ModelBundle.load(plain).manifest().formatVersion()).isEqualTo(3);
        assertThat(org.framescope.model.ManifestEdits.manifest(plain).has("fewShot"))
                .isFalse();
    }

    @Test
    void aResealedFewShotRecordIsValidated() throws Exception {
        Path ex = csv(dir.resolve("ex.csv"), paragraphs(8, 101, true), paragraphs(25, 303, false));
        FewShotResult r = FewShot.extend(lexical, null, request(ex, "frames", "d"));
        Path f = dir.resolve("ext.zip");
        r.save(f);
        record Case(String name, java.util.function.Consumer<ObjectNode> edit, String message) {}
        List<Case> cases = List.of(
                new Case(
                        "positives",
                        n -> ((ObjectNode) n.at("/fewShot/frames/d")).put("positives", 2),
                        "records 2 positives and 25 negatives for its few-shot label 'frames:d'"),
                new Case(
                        "label",
                        n -> ((ObjectNode) n.at("/fewShot/frames")).set("zz", n.at("/fewShot/frames/d")),
                        "has a few-shot label 'frames:zz' that its task does not list"),
                new Case(
                        "task",
                        n -> ((ObjectNode) n.get("fewShot")).set("stance", n.at("/fewShot/frames")),
                        "has few-shot labels for 'stance', which is not a multi-label task"),
                new Case(
                        "source",
                        n -> ((ObjectNode) n.get("articleSources")).put("frames:d", "max*gate*gate"),
                        "article source 'max*gate*gate' for label 'frames:d' does not fit the network"),
                new Case(
                        "decision",
                        n -> ((ArrayNode) n.at("/decisions/article/frames/labels")).remove(3),
                        "has 3 labels in its article decision for task 'frames' but the task has 4"));
        for (Case c : cases) {
            Path t = org.framescope.model.ManifestEdits.edit(f, dir.resolve(c.name() + ".zip"), c.edit());
            assertThatThrownBy(() -> ModelBundle.load(t))
                    .as(c.name())
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining(c.message());
        }
    }

    @Test
    void badRequestsAreRefusedWithOneLine() throws Exception {
        Path ex = csv(dir.resolve("ex.csv"), paragraphs(8, 101, true), paragraphs(25, 303, false));
        assertThatThrownBy(() -> FewShot.extend(lexical, null, request(ex, "topics", "d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model 'synthetic' has no task 'topics' (tasks: frames, stance)");
        assertThatThrownBy(() -> FewShot.extend(lexical, null, request(ex, "stance", "d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "task 'stance' is single-label: a new label can only be added to a multi-label task (frames)");
        assertThatThrownBy(() -> FewShot.extend(lexical, null, request(ex, "frames", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task 'frames' already has a label 'b'");
        assertThatThrownBy(() -> FewShot.extend(lexical, null, request(ex, "frames", "x:y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 'x:y' may not be blank or contain ';' or ':'");
        assertThatThrownBy(() -> FewShot.extend(hidden, null, request(ex, "frames", "d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses sentence embeddings");
        assertThatThrownBy(
                        () -> FewShot.extend(hidden, new FakeEncoder("f".repeat(64), 16), request(ex, "frames", "d")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("trained with encoder fake (sha256 eeeeeeeeeeee");
        Path three = csv(dir.resolve("three.csv"), paragraphs(3, 101, true), paragraphs(25, 303, false));
        assertThatThrownBy(() -> request(three, "frames", "d"))
                .isInstanceOf(InputException.class)
                .hasMessage(
                        three
                                + ": 3 positive examples; a new label needs at least 5 positives, the description counting as one");
        assertThat(request(csv(dir.resolve("four.csv"), paragraphs(4, 101, true), List.of()), "frames", "d")
                        .examples()
                        .positives())
                .hasSize(4);
        Path bad = Files.writeString(dir.resolve("bad.csv"), "text,label\nfirst plombix text,1\nsecond one,maybe\n");
        assertThatThrownBy(() -> request(bad, "frames", "d"))
                .isInstanceOf(InputException.class)
                .hasMessage(bad + ": row 3, column 'label': 'maybe' is not 1/0 or yes/no");
        Path noText = Files.writeString(dir.resolve("notext.csv"), "body\nsomething\n");
        assertThatThrownBy(() -> request(noText, "frames", "d"))
                .isInstanceOf(InputException.class)
                .hasMessage(noText + ": row 1, column 'text': missing column (the header has body)");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "text\none\n\"  \"\n");
        assertThatThrownBy(() -> request(empty, "frames", "d"))
                .isInstanceOf(InputException.class)
                .hasMessage(empty + ": row 3, column 'text': empty text");
        assertThatThrownBy(() -> request(dir.resolve("none.csv"), "frames", "d"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("none.csv");
    }

    @Test
    void withoutEnoughNegativesTheCorpusMustStillBeTheOneTrainedOn() throws Exception {
        Path ex = csv(dir.resolve("ex.csv"), paragraphs(8, 101, true), paragraphs(3, 303, false));
        // The hidden model's training CSV is the same file; a model whose provenance names a changed file:
        Path moved = dir.resolve("copy.csv");
        Files.writeString(moved, SyntheticData.paragraphCsv(SyntheticData.articles(10, 4, 9), "train"));
        org.framescope.model.Manifest m = lexical.manifest();
        org.framescope.model.Provenance p = m.provenance();
        org.framescope.model.Provenance other = new org.framescope.model.Provenance(
                moved.toString(),
                p.dataSha256(),
                p.counts(),
                p.seed(),
                p.hyperparameters(),
                p.selection(),
                p.epochs(),
                p.trainSeconds(),
                p.java(),
                p.os(),
                p.created());
        ModelBundle changed = new ModelBundle(
                new org.framescope.model.Manifest(
                        m.formatVersion(),
                        m.framescopeVersion(),
                        m.name(),
                        m.created(),
                        m.scheme(),
                        m.features(),
                        m.network(),
                        m.pooling(),
                        m.decisions(),
                        other,
                        m.metrics(),
                        m.entries(),
                        m.articleSources()),
                lexical.network(),
                lexical.lexical());
        assertThatThrownBy(() -> FewShot.extend(changed, null, request(ex, "frames", "d")))
                .isInstanceOf(InputException.class)
                .hasMessage(ex
                        + ": only 3 negative examples (rows with label 0/no, or --negatives FILE); 20 are needed and the model's training data "
                        + moved + " has changed since training (its SHA-256 differs)");
        // An extra negatives file makes up the shortfall.
        Path negs = Files.writeString(
                dir.resolve("negs.csv"), "text\n" + String.join("\n", paragraphs(20, 707, false)) + "\n");
        FewShotResult r = FewShot.extend(
                changed,
                null,
                new FewShotRequest("frames", "d", "About plombix.", FewShotExamples.read(ex, negs, 100_000), 3));
        assertThat(r.record().negativeSources()).containsEntry("examples", 3).containsEntry("negatives_file", 20);
        assertThat(r.record().negativesSha256())
                .isEqualTo(org.framescope.util.Hashing.sha256(Files.readAllBytes(negs)));
    }
}
