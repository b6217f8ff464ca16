package org.framescope.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framescope.TestSchemes;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.FeatureBlocks;
import org.framescope.io.CorpusReader;
import org.framescope.io.CsvColumns;
import org.framescope.io.CsvTable;
import org.framescope.model.ModelBundle;
import org.framescope.text.Segmenter;
import org.framescope.train.SyntheticData;
import org.framescope.train.TrainConfig;
import org.framescope.train.Trainer;

/**
 * A lexical-only model on synthetic data (no encoder, trains in about a second), shared by the
 * server tests in one JVM so CI trains it once rather than once per class.
 */
public final class TinyModel {

    private static ModelBundle bundle;
    private static Path file;

    private TinyModel() {}

    public static synchronized ModelBundle bundle() {
        if (bundle == null) {
            try {
                List<SyntheticData.Article> train = SyntheticData.articles(60, 4, 5);
                String csv = SyntheticData.paragraphCsv(train, "train");
                Corpus c = new CorpusReader(TestSchemes.tiny(), CsvColumns.defaults(), Segmenter.defaults(), 100_000)
                        .read(CsvTable.parse("/tmp/secret/synthetic.csv", csv.getBytes(StandardCharsets.UTF_8)));
                TrainConfig cfg = TrainConfig.defaults()
                        .withBlocks(FeatureBlocks.LEXICAL)
                        .withHidden(List.of(0))
                        .withEpochs(15, 5)
                        .withName("synthetic");
                List<List<LabeledArticle>> td = Trainer.trainDev(c, 0.2, 7);
                bundle = new Trainer(cfg)
                        .train(TestSchemes.tiny(), c, td.get(0), td.get(1), null)
                        .bundle();
            } catch (Exception e) {
                throw new IllegalStateException("training the tiny model failed", e);
            }
        }
        return bundle;
    }

    /** The model saved as a bundle file (for commands that load a path). */
    public static synchronized Path file() {
        if (file == null) {
            try {
                Path dir = Files.createTempDirectory("framescope-tiny");
                file = dir.resolve("tiny.zip");
                bundle().save(file);
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /** Article texts in the shape the server takes: paragraphs separated by blank lines. */
    public static List<String> texts(int n, long seed) {
        return SyntheticData.articles(n, 4, seed).stream()
                .map(a -> String.join("\n\n", a.paragraphs()))
                .toList();
    }
}
