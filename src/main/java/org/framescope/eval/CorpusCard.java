package org.framescope.eval;

import org.framescope.io.Corpus;
import org.framescope.io.CorpusReader;
import org.framescope.io.CsvColumns;
import org.framescope.io.CsvTable;
import org.framescope.model.LabelScheme;
import org.framescope.model.LabeledArticle;
import org.framescope.model.Labels;
import org.framescope.model.Task;
import org.framescope.text.NearDuplicates;
import org.framescope.text.SegmentedArticle;
import org.framescope.text.Segmenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The numbers of the corpus data card, computed from the files in a data directory
 * ({@code scheme.json}, {@code paragraphs.csv}, {@code articles.csv}, {@code agreement/}), and the
 * corpus requirements checked against them.
 */
public final class CorpusCard {

    public static final String[] SPLITS = {"train", "dev", "test"};

    private final Path dir;
    private final LabelScheme scheme;
    private final Corpus paragraphs;
    private final CsvTable articles;
    private final Segmenter segmenter = Segmenter.defaults();

    public CorpusCard(Path dir) throws IOException {
        this.dir = dir;
        this.scheme = LabelScheme.read(dir.resolve("scheme.json"));
        this.paragraphs = new CorpusReader(scheme, CsvColumns.defaults(), segmenter, CorpusReader.DEFAULT_MAX_CHARS)
                .read(dir.resolve("paragraphs.csv").toString());
        this.articles = CsvTable.read(dir.resolve("articles.csv").toString());
    }

    public LabelScheme scheme() {
        return scheme;
    }

    public Corpus paragraphs() {
        return paragraphs;
    }

    public CsvTable articles() {
        return articles;
    }

    /** Paragraph counts per task label (and "(no frame)" for multi-label tasks), per split and in total. */
    public Map<String, Map<String, Integer>> labelCounts() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (LabeledArticle a : paragraphs.articles()) {
            for (Labels l : a.paragraphLabels()) {
                for (Task t : scheme.tasks()) {
                    List<String> keys = new ArrayList<>();
                    l.of(t.name()).forEach(x -> keys.add(t.name() + ":" + x));
                    if (t.multiLabel() && l.of(t.name()).isEmpty()) {
                        keys.add(t.name() + ":(none)");
                    }
                    for (String k : keys) {
                        Map<String, Integer> m = out.computeIfAbsent(k, x -> new LinkedHashMap<>());
                        m.merge(a.split(), 1, Integer::sum);
                        m.merge("total", 1, Integer::sum);
                    }
                }
            }
        }
        return out;
    }

    /** Requirement violations of the corpus (issue #3); empty when the corpus meets them all. */
    public List<String> violations() {
        List<String> v = new ArrayList<>();
        int nArticles = paragraphs.articles().size();
        int nParas = paragraphs.paragraphCount();
        if (nArticles < 160) v.add("only " + nArticles + " articles (need 160)");
        if (nParas < 1000) v.add("only " + nParas + " paragraphs (need 1000)");
        long fr = paragraphs.articles().stream().filter(a -> "fr".equals(a.lang())).count();
        if (fr * 4 < nArticles) v.add("only " + fr + " French articles (need 25%)");
        Map<String, Map<String, Integer>> c = labelCounts();
        for (Task t : scheme.tasks()) {
            for (String l : t.labels()) {
                Map<String, Integer> m = c.getOrDefault(t.name() + ":" + l, Map.of());
                int min = t.multiLabel() ? 60 : 40;
                if (m.getOrDefault("total", 0) < min) v.add(t.name() + ":" + l + " on " + m.getOrDefault("total", 0) + " paragraphs (need " + min + ")");
                for (String s : SPLITS) {
                    if (m.getOrDefault(s, 0) == 0) v.add(t.name() + ":" + l + " absent from split " + s);
                }
            }
        }
        int none = c.getOrDefault("frames:(none)", Map.of()).getOrDefault("total", 0);
        if (none * 5 < nParas) v.add("only " + none + " paragraphs without a frame (need 20%)");
        for (LabeledArticle a : paragraphs.articles()) {
            if (a.split() == null || !List.of(SPLITS).contains(a.split())) v.add("article " + a.id() + " has split '" + a.split() + "'");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (CsvTable.Row r : CsvRows.rows(dir.resolve("paragraphs.csv"))) {
            if (!ids.add(r.get("id"))) v.add("duplicate paragraph id " + r.get("id"));
        }
        java.util.Set<String> aids = new java.util.HashSet<>();
        for (CsvTable.Row r : articles.rows()) {
            if (!aids.add(r.get("id"))) v.add("duplicate article id " + r.get("id"));
        }
        java.util.Set<String> paraArticles = new java.util.HashSet<>();
        paragraphs.articles().forEach(a -> paraArticles.add(a.id()));
        if (!aids.equals(paraArticles)) v.add("articles.csv and paragraphs.csv list different articles");
        double dupShare = nearDuplicateShare();
        if (dupShare >= 0.01) v.add(String.format(Locale.ROOT, "%.2f%% of paragraphs are near-duplicates (need < 1%%)", 100 * dupShare));
        return v;
    }

    /** Share of paragraphs that are in at least one near-duplicate pair. */
    public double nearDuplicateShare() {
        List<String> texts = allTexts();
        java.util.Set<Integer> involved = new java.util.HashSet<>();
        for (NearDuplicates.Pair p : NearDuplicates.find(texts, 0.5)) {
            involved.add(p.a());
            involved.add(p.b());
        }
        return (double) involved.size() / texts.size();
    }

    private List<String> allTexts() {
        return paragraphs.articles().stream().flatMap(a -> a.paragraphs().stream()).toList();
    }

    /** Boilerplate check: does segmenting each articles.csv text give exactly its labelled paragraphs? */
    public int[] segmentationAgreement() {
        Map<String, LabeledArticle> byId = new HashMap<>();
        paragraphs.articles().forEach(a -> byId.put(a.id(), a));
        int exact = 0, junkTotal = 0, junkDropped = 0, keptParas = 0, totalParas = 0;
        for (CsvTable.Row r : articles.rows()) {
            LabeledArticle gold = byId.get(r.get("id"));
            SegmentedArticle s = segmenter.segment(r.get("text"));
            if (gold != null && s.texts().equals(gold.paragraphs())) exact++;
            int junk = Integer.parseInt(r.get("junk_lines").strip());
            junkTotal += junk;
            junkDropped += Math.min(junk, s.droppedLines().size());
            if (gold != null) {
                totalParas += gold.paragraphs().size();
                keptParas += (int) gold.paragraphs().stream().filter(s.texts()::contains).count();
            }
        }
        return new int[]{exact, articles.rows().size(), junkDropped, junkTotal, keptParas, totalParas};
    }

    /** Renders the data card's statistics section as Markdown. */
    public String markdown() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<LabeledArticle> arts = paragraphs.articles();
        sb.append(String.format(Locale.ROOT, "Corpus: %d articles, %d labelled paragraphs (data sha256 %s).%n%n",
                arts.size(), paragraphs.paragraphCount(), paragraphs.sha256().substring(0, 16)));
        // Articles and paragraphs by language and split
        sb.append("### Articles (paragraphs) by language and split\n\n| lang | train | dev | test | total |\n|---|---|---|---|---|\n");
        for (String lang : new TreeSet<>(arts.stream().map(LabeledArticle::lang).toList())) {
            sb.append("| ").append(lang);
            int ta = 0, tp = 0;
            for (String s : SPLITS) {
                List<LabeledArticle> xs = arts.stream().filter(a -> lang.equals(a.lang()) && s.equals(a.split())).toList();
                int p = xs.stream().mapToInt(a -> a.paragraphs().size()).sum();
                sb.append(" | ").append(xs.size()).append(" (").append(p).append(")");
                ta += xs.size();
                tp += p;
            }
            sb.append(" | ").append(ta).append(" (").append(tp).append(") |\n");
        }
        sb.append("\n### Paragraph label counts by split\n\n| task:label | train | dev | test | total | share |\n|---|---|---|---|---|---|\n");
        Map<String, Map<String, Integer>> c = labelCounts();
        int nParas = paragraphs.paragraphCount();
        for (Task t : scheme.tasks()) {
            List<String> keys = new ArrayList<>(t.labels());
            if (t.multiLabel()) keys.add("(none)");
            for (String l : keys) {
                Map<String, Integer> m = c.getOrDefault(t.name() + ":" + l, Map.of());
                sb.append(String.format(Locale.ROOT, "| %s:%s | %d | %d | %d | %d | %.1f%% |%n", t.name(), l, m.getOrDefault("train", 0),
                        m.getOrDefault("dev", 0), m.getOrDefault("test", 0), m.getOrDefault("total", 0), 100.0 * m.getOrDefault("total", 0) / nParas));
            }
        }
        sb.append("\n### Article-level labels (articles.csv)\n\n| task:label | articles |\n|---|---|\n");
        Map<String, Integer> art = new TreeMap<>();
        for (CsvTable.Row r : articles.rows()) {
            for (Task t : scheme.tasks()) {
                for (String l : r.get(t.name()).split(";")) {
                    if (!l.isBlank()) art.merge(t.name() + ":" + l.strip(), 1, Integer::sum);
                }
            }
        }
        art.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        sb.append("\n### Frame co-occurrence (paragraphs carrying both frames)\n\n");
        Task frames = scheme.tasks().stream().filter(Task::multiLabel).findFirst().orElse(null);
        if (frames != null) {
            List<String> ls = frames.labels();
            sb.append("| |");
            for (int j = 0; j < ls.size(); j++) sb.append(" ").append(abbrev(ls.get(j))).append(" |");
            sb.append("\n|---|");
            ls.forEach(x -> sb.append("---|"));
            sb.append('\n');
            int[][] co = new int[ls.size()][ls.size()];
            for (LabeledArticle a : arts) {
                for (Labels l : a.paragraphLabels()) {
                    var set = l.of(frames.name());
                    for (int i = 0; i < ls.size(); i++) {
                        for (int j = 0; j < ls.size(); j++) {
                            if (set.contains(ls.get(i)) && set.contains(ls.get(j))) co[i][j]++;
                        }
                    }
                }
            }
            for (int i = 0; i < ls.size(); i++) {
                sb.append("| ").append(ls.get(i)).append(" (").append(abbrev(ls.get(i))).append(") |");
                for (int j = 0; j < ls.size(); j++) sb.append(" ").append(co[i][j]).append(" |");
                sb.append('\n');
            }
            Map<Integer, Integer> perPara = new TreeMap<>();
            arts.forEach(a -> a.paragraphLabels().forEach(l -> perPara.merge(l.of(frames.name()).size(), 1, Integer::sum)));
            sb.append("\nFrames per paragraph: ").append(perPara).append("\n");
        }
        sb.append("\n### Regions and outlet styles (articles)\n\n");
        sb.append("Regions: ").append(countColumn("region")).append("\n\n");
        sb.append("Outlet styles: ").append(countColumn("outlet_style")).append("\n");
        int[] seg = segmentationAgreement();
        long junkArticles = articles.rows().stream().filter(r -> !"0".equals(r.get("junk_lines").strip())).count();
        sb.append(String.format(Locale.ROOT, "%n### Scraped boilerplate%n%n%d of %d articles (%.0f%%) keep %d junk lines in their text. "
                        + "Segmenting articles.csv with framescope's boilerplate rules reproduces the labelled paragraphs exactly for %d of %d articles; "
                        + "%d of %d junk lines are dropped; %d of %d labelled paragraphs survive intact.%n",
                junkArticles, articles.rows().size(), 100.0 * junkArticles / articles.rows().size(), seg[3], seg[0], seg[1], seg[2], seg[3], seg[4], seg[5]));
        List<String> texts = allTexts();
        List<NearDuplicates.Pair> dups = NearDuplicates.find(texts, 0.5);
        sb.append(String.format(Locale.ROOT, "%n### Near-duplicates%n%nParagraph pairs sharing more than half of their word 5-grams: %d pair(s), "
                + "involving %.2f%% of paragraphs.%n", dups.size(), 100 * nearDuplicateShare()));
        for (NearDuplicates.Pair p : dups) {
            sb.append(String.format(Locale.ROOT, "- \"%s\" / \"%s\" (%.0f%%)%n", clip(texts.get(p.a())), clip(texts.get(p.b())), 100 * p.shared()));
        }
        sb.append(agreement());
        return sb.toString();
    }

    private String countColumn(String col) {
        Map<String, Integer> m = new TreeMap<>();
        articles.rows().forEach(r -> m.merge(r.get(col), 1, Integer::sum));
        StringBuilder sb = new StringBuilder();
        m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> sb.append(e.getKey()).append(" ").append(e.getValue()).append(", "));
        return sb.length() > 2 ? sb.substring(0, sb.length() - 2) : "";
    }

    /** Agreement between the first annotation and the blind second one, if the files exist. */
    String agreement() throws IOException {
        Path first = dir.resolve("agreement/first_pass.csv");
        Path second = dir.resolve("agreement/second_pass.csv");
        if (!Files.isRegularFile(first) || !Files.isRegularFile(second)) {
            return "";
        }
        Map<String, CsvTable.Row> a = byId(CsvRows.rows(first));
        Map<String, CsvTable.Row> b = byId(CsvRows.rows(second));
        List<String> ids = a.keySet().stream().filter(b::containsKey).sorted().toList();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%n### Inter-annotator agreement%n%n%d paragraphs (%.1f%% of the corpus) re-labelled blind by a second annotator.%n%n"
                        + "| task:label | positives (1st / 2nd) | observed agreement | Cohen's kappa |%n|---|---|---|---|%n",
                ids.size(), 100.0 * ids.size() / paragraphs.paragraphCount()));
        for (Task t : scheme.tasks()) {
            if (t.multiLabel()) {
                double sumK = 0;
                int nK = 0;
                for (String l : t.labels()) {
                    List<Boolean> x = ids.stream().map(id -> split(a.get(id).get(t.name())).contains(l)).toList();
                    List<Boolean> y = ids.stream().map(id -> split(b.get(id).get(t.name())).contains(l)).toList();
                    Agreement.Kappa k = Agreement.binary(x, y);
                    if (!Double.isNaN(k.kappa())) {
                        sumK += k.kappa();
                        nK++;
                    }
                    sb.append(String.format(Locale.ROOT, "| %s:%s | %d / %d | %.3f | %.3f |%n", t.name(), l,
                            x.stream().filter(v -> v).count(), y.stream().filter(v -> v).count(), k.observed(), k.kappa()));
                }
                sb.append(String.format(Locale.ROOT, "| %s (mean kappa over labels) | | | %.3f |%n", t.name(), sumK / Math.max(1, nK)));
            } else {
                int[] x = ids.stream().mapToInt(id -> code(t, a.get(id).get(t.name()))).toArray();
                int[] y = ids.stream().mapToInt(id -> code(t, b.get(id).get(t.name()))).toArray();
                Agreement.Kappa k = Agreement.cohen(x, y, t.size());
                sb.append(String.format(Locale.ROOT, "| %s (%s) | | %.3f | %.3f |%n", t.name(), String.join("/", t.labels()), k.observed(), k.kappa()));
            }
        }
        return sb.toString();
    }

    private static int code(Task t, String cell) {
        String v = cell == null || cell.isBlank() ? (t.neutral() != null ? t.neutral() : t.labels().get(0)) : cell.strip();
        int i = t.indexOf(v);
        if (i < 0) {
            throw new IllegalArgumentException("unknown label '" + v + "' for task " + t.name() + " in agreement files");
        }
        return i;
    }

    private static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        if (cell != null) {
            for (String s : cell.split(";")) {
                if (!s.isBlank()) out.add(s.strip());
            }
        }
        return out;
    }

    private static Map<String, CsvTable.Row> byId(List<CsvTable.Row> rows) {
        Map<String, CsvTable.Row> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.get("id"), r));
        return m;
    }

    private static String abbrev(String label) {
        StringBuilder sb = new StringBuilder();
        for (String part : label.split("_")) {
            sb.append(Character.toUpperCase(part.charAt(0)));
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() > 70 ? s.substring(0, 69) + "…" : s;
    }

    /** Small helper so this class reads plain CSVs with the project's strict reader. */
    static final class CsvRows {
        static List<CsvTable.Row> rows(Path p) {
            try {
                return CsvTable.read(p.toString()).rows();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
