package org.framescope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.framescope.FrameScope;
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.encode.SentenceEncoder;
import org.framescope.io.CorpusReader;
import org.framescope.io.CsvColumns;
import org.framescope.io.CsvTable;
import org.framescope.model.LabelScheme;
import org.framescope.model.ModelBundle;
import org.framescope.model.Task;
import org.framescope.model.TaskType;
import org.framescope.text.Segmenter;
import org.framescope.train.FewShot;
import org.framescope.train.FewShotExamples;
import org.framescope.train.FewShotRequest;
import org.framescope.train.TrainConfig;
import org.framescope.train.Trainer;
import org.framescope.util.AtomicFiles;
import org.framescope.util.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code framescope bench-extend}: the learning curve of few-shot labels on a single-label CSV. For
 * each label F: a model is trained on the other labels as one multi-label task (the rows of F are
 * left out of its training data: a new narrative is one the model has not been trained on), F is
 * added back with {@link FewShot#extend} from k of its training rows and its description, and F's
 * F1 on held-out rows is compared with F's F1 in a model trained on every label with all the
 * training rows (same split, same recipe).
 */
@Command(
        name = "bench-extend",
        mixinStandardHelpOptions = true,
        description = {
            "Learning curve of few-shot labels (framescope extend) on a single-label CSV: for each label, train on the others, "
                    + "add it back from k examples and its description, and compare its held-out F1 with a model trained on every label."
        })
final class ExtendBenchCommand implements Callable<Integer> {

    @Option(
            names = {"-d", "--data"},
            required = true,
            paramLabel = "CSV",
            description = "Labelled rows: a 'text' column and the label column.")
    Path data;

    @Option(
            names = "--label-column",
            defaultValue = "primary_frame",
            paramLabel = "NAME",
            description = "The column with each row's one label (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(
            names = "--descriptions",
            required = true,
            paramLabel = "CSV",
            description = "Columns 'label' and 'description': the one-sentence description of every label.")
    Path descriptions;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--k",
            split = ",",
            paramLabel = "K[,K...]",
            defaultValue = "4,8,16,32",
            description = "Example counts (default: ${DEFAULT-VALUE}).")
    List<Integer> ks;

    @Option(names = "--labels", split = ",", paramLabel = "L[,L...]", description = "Only these labels (default: all).")
    List<String> only;

    @Option(
            converter = NumericOptions.OpenFraction.class,
            names = "--test-fraction",
            defaultValue = "0.2",
            description = "Share of each label's rows held out (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--repeats",
            defaultValue = "1",
            description =
                    "Draws of the examples per k (seeds seed, seed+1, ...); the table shows their mean F1 (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--report", paramLabel = "FILE.md", description = "Also write the Markdown table here.")
    Path report;

    @Mixin
    TrainOptions trainOptions;

    private record Row(String text, String label) {}

    @Override
    public Integer call() throws Exception {
        if (report != null) {
            AtomicFiles.checkWritable(report);
        }
        Map<String, String> desc = descriptions();
        List<Row> rows = rows(desc);
        List<String> labels = new ArrayList<>(desc.keySet());
        List<String> targets = only == null ? labels : only;
        for (String l : targets) {
            if (!labels.contains(l)) {
                throw new InputException(descriptions.toString(), 0, null, "no description for label '" + l + "'");
            }
        }
        TrainConfig cfg = trainOptions.config("bench-extend");
        // Stratified split, seeded: each label's rows are shuffled and the first share held out.
        List<Row> pool = new ArrayList<>(), test = new ArrayList<>();
        Random r = new Random(cfg.seed());
        for (String l : labels) {
            List<Row> of = new ArrayList<>(
                    rows.stream().filter(x -> x.label().equals(l)).toList());
            Collections.shuffle(of, r);
            int nTest = (int) Math.round(of.size() * testFraction);
            test.addAll(of.subList(0, nTest));
            pool.addAll(of.subList(nTest, of.size()));
        }
        Path tmp = Files.createTempDirectory("framescope-bench-extend");
        long t0 = System.nanoTime();
        SentenceEncoder enc = trainOptions.openEncoder(cfg);
        Map<String, double[]> curve = new LinkedHashMap<>();
        Map<String, Double> full = new LinkedHashMap<>();
        Map<String, int[]> used = new LinkedHashMap<>();
        try {
            System.err.printf(
                    "%d rows: %d for training, %d held out; %d labels%n",
                    rows.size(), pool.size(), test.size(), labels.size());
            ModelBundle all = train(tmp.resolve("all.csv"), pool, labels, desc, cfg, enc);
            for (String f : targets) {
                full.put(f, f1(all, enc, test, f));
            }
            for (String f : targets) {
                List<String> others = labels.stream().filter(l -> !l.equals(f)).toList();
                ModelBundle base = train(
                        tmp.resolve("without-" + f + ".csv"),
                        pool.stream().filter(x -> !x.label().equals(f)).toList(),
                        others,
                        desc,
                        cfg,
                        enc);
                List<String> ofF = pool.stream()
                        .filter(x -> x.label().equals(f))
                        .map(Row::text)
                        .toList();
                double[] scores = new double[ks.size()];
                int[] n = new int[ks.size()];
                for (int rep = 0; rep < repeats; rep++) {
                    long seed = cfg.seed() + rep;
                    List<String> drawn = new ArrayList<>(ofF);
                    Collections.shuffle(drawn, new Random(seed));
                    for (int i = 0; i < ks.size(); i++) {
                        // Nested draws: the examples of a larger k include those of the smaller ones.
                        n[i] = Math.min(ks.get(i), drawn.size());
                        Path ex = tmp.resolve("examples-" + f + "-" + n[i] + "-" + rep + ".csv");
                        writeCsv(
                                ex,
                                "text",
                                drawn.subList(0, n[i]).stream()
                                        .map(ExtendBenchCommand::quoted)
                                        .toList());
                        var result = FewShot.extend(
                                base,
                                enc,
                                new FewShotRequest(
                                        "frames",
                                        f,
                                        desc.get(f),
                                        FewShotExamples.read(ex, null, trainOptions.maxChars),
                                        seed));
                        double score = f1(result.bundle(), enc, test, f);
                        scores[i] += score / repeats;
                        var rec = result.record();
                        var dec = result.bundle()
                                .manifest()
                                .decisions()
                                .article()
                                .get("frames")
                                .labels()
                                .get(labels.size() - 1);
                        System.err.printf(
                                Locale.ROOT,
                                "%s k=%d draw %d: F1 %.3f (full data %.3f); L2 %g, threshold %.2f, CV F1 %.3f%n",
                                f,
                                n[i],
                                rep + 1,
                                score,
                                full.get(f),
                                rec.l2(),
                                dec.threshold(),
                                rec.cv().f1());
                    }
                }
                curve.put(f, scores);
                used.put(f, n);
            }
        } finally {
            if (enc != null) {
                enc.close();
            }
        }
        String table = table(curve, full, used, (System.nanoTime() - t0) / 6e10);
        System.out.print(table);
        if (report != null) {
            AtomicFiles.write(report, out -> out.write(table.getBytes(StandardCharsets.UTF_8)));
        }
        return Main.OK;
    }

    private Map<String, String> descriptions() throws IOException {
        CsvTable t = CsvTable.read(descriptions.toString());
        for (String c : List.of("label", "description")) {
            if (!t.has(c)) {
                throw new InputException(t.file(), 1, c, "missing column");
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (CsvTable.Row r : t.rows()) {
            if (r.get("description").isBlank()) {
                throw new InputException(t.file(), r.row(), "description", "empty description");
            }
            out.put(r.get("label").strip(), r.get("description").strip());
        }
        return out;
    }

    private List<Row> rows(Map<String, String> desc) throws IOException {
        CsvTable t = CsvTable.read(data.toString());
        for (String c : List.of("text", labelColumn)) {
            if (!t.has(c)) {
                throw new InputException(t.file(), 1, c, "missing column");
            }
        }
        List<Row> out = new ArrayList<>();
        Segmenter seg = Segmenter.defaults();
        for (CsvTable.Row r : t.rows()) {
            String label = r.get(labelColumn).strip();
            if (!desc.containsKey(label)) {
                throw new InputException(
                        t.file(), r.row(), labelColumn, "label '" + label + "' has no description in " + descriptions);
            }
            if (r.get("text").isBlank()) {
                throw new InputException(t.file(), r.row(), "text", "empty text");
            }
            out.add(new Row(seg.normalizeParagraph(r.get("text")), label));
        }
        return out;
    }

    /** Trains on rows written to {@code file} (the model's provenance names it, so extend can sample negatives from it). */
    private ModelBundle train(
            Path file,
            List<Row> rows,
            List<String> labels,
            Map<String, String> desc,
            TrainConfig cfg,
            SentenceEncoder enc)
            throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            lines.add("r" + i + "," + quoted(rows.get(i).text()) + ","
                    + rows.get(i).label());
        }
        writeCsv(file, "id,text,frames", lines);
        Map<String, String> d = new LinkedHashMap<>();
        labels.forEach(l -> d.put(l, desc.get(l)));
        LabelScheme scheme =
                new LabelScheme("bench", List.of(new Task("frames", TaskType.MULTI_LABEL, labels, d, null)));
        Corpus c = new CorpusReader(scheme, CsvColumns.defaults(), Segmenter.defaults(), trainOptions.maxChars)
                .read(file.toString());
        List<List<LabeledArticle>> td = Trainer.trainDev(c, cfg.devFraction(), cfg.seed());
        System.err.printf(
                "training on %d rows, %d labels (%s)%n", c.articles().size(), labels.size(), file.getFileName());
        return new Trainer(cfg).train(scheme, c, td.get(0), td.get(1), enc).bundle();
    }

    /** F1 of one label on the held-out rows (each row one article of one paragraph). */
    private static double f1(ModelBundle b, SentenceEncoder enc, List<Row> test, String label) {
        int tp = 0, fp = 0, fn = 0;
        try (FrameScope fs = FrameScope.open(b, FrameScope.Options.defaults(), enc)) {
            for (int i = 0; i < test.size(); i++) {
                boolean got = fs.classifyParagraphs("t" + i, List.of(test.get(i).text()), "en")
                        .tasks()
                        .get("frames")
                        .labels()
                        .contains(label);
                boolean gold = test.get(i).label().equals(label);
                tp += got && gold ? 1 : 0;
                fp += got && !gold ? 1 : 0;
                fn += !got && gold ? 1 : 0;
            }
        }
        System.err.printf(
                "  %s on %d held-out rows: %d true positives, %d false positives, %d missed%n",
                label, test.size(), tp, fp, fn);
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private String table(
            Map<String, double[]> curve, Map<String, Double> full, Map<String, int[]> used, double minutes) {
        StringBuilder sb = new StringBuilder("| label | full data |");
        ks.forEach(k -> sb.append(" k = ").append(k).append(" |"));
        sb.append(" k = 16 / full |\n|---|---|");
        ks.forEach(k -> sb.append("---|"));
        sb.append("---|\n");
        int at16 = ks.indexOf(16);
        double[] mean = new double[ks.size()];
        double meanFull = 0, meanRatio = 0;
        for (var e : curve.entrySet()) {
            String f = e.getKey();
            sb.append("| ").append(f).append(" | ").append(fmt(full.get(f))).append(" |");
            for (int i = 0; i < ks.size(); i++) {
                sb.append(' ').append(fmt(e.getValue()[i]));
                if (used.get(f)[i] != ks.get(i)) {
                    sb.append(" (").append(used.get(f)[i]).append(" examples)");
                }
                sb.append(" |");
                mean[i] += e.getValue()[i] / curve.size();
            }
            double ratio = at16 < 0 || full.get(f) == 0 ? Double.NaN : e.getValue()[at16] / full.get(f);
            sb.append(' ')
                    .append(Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * ratio))
                    .append(" |\n");
            meanFull += full.get(f) / curve.size();
            meanRatio += ratio / curve.size();
        }
        sb.append("| **mean** | ").append(fmt(meanFull)).append(" |");
        for (double m : mean) {
            sb.append(' ').append(fmt(m)).append(" |");
        }
        sb.append(' ')
                .append(
                        at16 < 0
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "%.0f%% (ratio of means %.0f%%)",
                                        100 * meanRatio,
                                        100 * mean[at16] / meanFull))
                .append(" |\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "%d labels, %d draw%s of the examples per k, %.1f minutes, %d cores, Java %s%n",
                curve.size(),
                repeats,
                repeats == 1 ? "" : "s (mean F1)",
                minutes,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static void writeCsv(Path file, String header, List<String> lines) throws IOException {
        Files.writeString(file, header + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
