package org.framescope.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.framescope.data.Corpus;
import org.framescope.data.LabeledArticle;
import org.framescope.data.Labels;
import org.framescope.io.CorpusReader;
import org.framescope.io.CsvColumns;
import org.framescope.io.CsvTable;
import org.framescope.model.LabelScheme;
import org.framescope.model.Task;
import org.framescope.text.SegmentedArticle;
import org.framescope.text.Segmenter;
import org.framescope.text.TextLimits;

/**
 * The numbers of the corpus data card, computed from the files in a data directory
 * ({@code scheme.json}, {@code paragraphs.csv}, {@code articles.csv}, {@code agreement/}), and the
 * corpus requirements checked against them.
 */
public final class CorpusCard {

    private final Path dir;
    private final LabelScheme scheme;
    private final Corpus paragraphs;
    private final CsvTable articles;
    private final Segmenter segmenter = Segmenter.defaults();
    private final JsonNode requirements;

    /**
     * Reads a corpus directory: scheme.json, paragraphs.csv, articles.csv and the optional
     * requirements.json.
     *
     * @throws org.framescope.util.InputException if a CSV file is missing or invalid
     * @throws IOException if a file cannot be read or is not valid JSON
     */
    public CorpusCard(Path dir) throws IOException {
        this.dir = dir;
        this.scheme = LabelScheme.read(dir.resolve("scheme.json"));
        this.paragraphs = new CorpusReader(scheme, CsvColumns.defaults(), segmenter, TextLimits.DEFAULT_MAX_CHARS)
                .read(dir.resolve("paragraphs.csv").toString());
        this.articles = CsvTable.read(dir.resolve("articles.csv").toString());
        Path req = dir.resolve("requirements.json");
        this.requirements = Files.isRegularFile(req)
                ? new ObjectMapper().readTree(req.toFile())
                : new ObjectMapper().createObjectNode();
    }

    /** The corpus directory. */
    Path dir() {
        return dir;
    }

    /** The label scheme the corpus was read with. */
    public LabelScheme scheme() {
        return scheme;
    }

    /** The paragraph-level corpus. */
    public Corpus paragraphs() {
        return paragraphs;
    }

    /** The article table. */
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

    /**
     * The corpus requirements, kept as data in {@code requirements.json} next to the corpus so that
     * another corpus can state its own; absent keys are not checked.
     */
    public JsonNode requirements() {
        return requirements;
    }

    /** The splits this corpus uses (from the requirements; train/dev/test otherwise). */
    List<String> splits() throws IOException {
        JsonNode s = requirements().path("splits");
        if (!s.isArray() || s.isEmpty()) {
            return List.of("train", "dev", "test");
        }
        List<String> out = new ArrayList<>();
        s.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Requirement violations of the corpus; empty when the corpus meets them all. */
    public List<String> violations() throws IOException {
        return new CorpusChecks(this).violations();
    }

    /** Contrastive sets: article rows by their {@code event} id (articles without one are left out). */
    Map<String, List<CsvTable.Row>> events() {
        Map<String, List<CsvTable.Row>> m = new TreeMap<>();
        for (CsvTable.Row r : articles.rows()) {
            String e = cell(r, "event");
            if (!e.isEmpty()) m.computeIfAbsent(e, k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    String cell(CsvTable.Row r, String col) {
        return articles.has(col) && r.get(col) != null ? r.get(col).strip() : "";
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
        return paragraphs.articles().stream()
                .flatMap(a -> a.paragraphs().stream())
                .toList();
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
                keptParas += (int)
                        gold.paragraphs().stream().filter(s.texts()::contains).count();
            }
        }
        return new int[] {exact, articles.rows().size(), junkDropped, junkTotal, keptParas, totalParas};
    }

    /** Renders the data card's statistics section as Markdown. */
    public String markdown() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<LabeledArticle> arts = paragraphs.articles();
        sb.append(String.format(
                Locale.ROOT,
                "Corpus: %d articles, %d labelled paragraphs (data sha256 %s).%n%n",
                arts.size(),
                paragraphs.paragraphCount(),
                paragraphs.sha256().substring(0, 16)));
        // Articles and paragraphs by language and split
        List<String> splits = splits();
        sb.append("### Articles (paragraphs) by language and split\n\n| lang | ")
                .append(String.join(" | ", splits))
                .append(" | total |\n|---|")
                .append("---|".repeat(splits.size() + 1))
                .append('\n');
        for (String lang : new TreeSet<>(arts.stream().map(LabeledArticle::lang).toList())) {
            sb.append("| ").append(lang);
            int ta = 0, tp = 0;
            for (String s : splits) {
                List<LabeledArticle> xs = arts.stream()
                        .filter(a -> lang.equals(a.lang()) && s.equals(a.split()))
                        .toList();
                int p = xs.stream().mapToInt(a -> a.paragraphs().size()).sum();
                sb.append(" | ").append(xs.size()).append(" (").append(p).append(")");
                ta += xs.size();
                tp += p;
            }
            sb.append(" | ").append(ta).append(" (").append(tp).append(") |\n");
        }
        sb.append("\n### Paragraph label counts by split\n\n| task:label | ")
                .append(String.join(" | ", splits))
                .append(" | total | share |\n|---|")
                .append("---|".repeat(splits.size() + 2))
                .append('\n');
        Map<String, Map<String, Integer>> c = labelCounts();
        int nParas = paragraphs.paragraphCount();
        for (Task t : scheme.tasks()) {
            List<String> keys = new ArrayList<>(t.labels());
            if (t.multiLabel()) keys.add("(none)");
            for (String l : keys) {
                Map<String, Integer> m = c.getOrDefault(t.name() + ":" + l, Map.of());
                sb.append("| ").append(t.name()).append(':').append(l).append(" |");
                splits.forEach(x -> sb.append(' ').append(m.getOrDefault(x, 0)).append(" |"));
                sb.append(String.format(
                        Locale.ROOT,
                        " %d | %.1f%% |%n",
                        m.getOrDefault("total", 0),
                        100.0 * m.getOrDefault("total", 0) / nParas));
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
        Task frames =
                scheme.tasks().stream().filter(Task::multiLabel).findFirst().orElse(null);
        if (frames != null) {
            List<String> ls = frames.labels();
            sb.append("| |");
            for (int j = 0; j < ls.size(); j++)
                sb.append(" ").append(abbrev(ls.get(j))).append(" |");
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
                sb.append("| ")
                        .append(ls.get(i))
                        .append(" (")
                        .append(abbrev(ls.get(i)))
                        .append(") |");
                for (int j = 0; j < ls.size(); j++)
                    sb.append(" ").append(co[i][j]).append(" |");
                sb.append('\n');
            }
            Map<Integer, Integer> perPara = new TreeMap<>();
            arts.forEach(a -> a.paragraphLabels()
                    .forEach(l -> perPara.merge(l.of(frames.name()).size(), 1, Integer::sum)));
            sb.append("\nFrames per paragraph: ").append(perPara).append("\n");
        }
        sb.append(scopeSection(splits));
        sb.append("\n### Regions and outlet styles (articles)\n\n");
        sb.append("Regions: ").append(countColumn("region")).append("\n\n");
        sb.append("Outlet styles: ").append(countColumn("outlet_style")).append("\n");
        if (articles.has("alignment")) {
            sb.append("\nOutlet alignment (v2 articles): ")
                    .append(countColumn("alignment"))
                    .append("\n");
        }
        int[] seg = segmentationAgreement();
        long junkArticles = articles.rows().stream()
                .filter(r -> !"0".equals(r.get("junk_lines").strip()))
                .count();
        sb.append(String.format(
                Locale.ROOT,
                "%n### Scraped boilerplate%n%n%d of %d articles (%.0f%%) keep %d junk lines in their text. "
                        + "Segmenting articles.csv with framescope's boilerplate rules reproduces the labelled paragraphs exactly for %d of %d articles; "
                        + "%d of %d junk lines are dropped; %d of %d labelled paragraphs survive intact.%n",
                junkArticles,
                articles.rows().size(),
                100.0 * junkArticles / articles.rows().size(),
                seg[3],
                seg[0],
                seg[1],
                seg[2],
                seg[3],
                seg[4],
                seg[5]));
        List<String> texts = allTexts();
        List<NearDuplicates.Pair> dups = NearDuplicates.find(texts, 0.5);
        sb.append(String.format(
                Locale.ROOT,
                "%n### Near-duplicates%n%nParagraph pairs sharing more than half of their word 5-grams: %d pair(s), "
                        + "involving %.2f%% of paragraphs.%n",
                dups.size(),
                100 * nearDuplicateShare()));
        for (NearDuplicates.Pair p : dups) {
            sb.append(String.format(
                    Locale.ROOT,
                    "- \"%s\" / \"%s\" (%.0f%%)%n",
                    clip(texts.get(p.a())),
                    clip(texts.get(p.b())),
                    100 * p.shared()));
        }
        sb.append(agreement());
        return sb.toString();
    }

    private String countColumn(String col) {
        Map<String, Integer> m = new TreeMap<>();
        articles.rows().stream()
                .filter(r -> !cell(r, col).isEmpty())
                .forEach(r -> m.merge(cell(r, col), 1, Integer::sum));
        StringBuilder sb = new StringBuilder();
        m.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(e ->
                        sb.append(e.getKey()).append(" ").append(e.getValue()).append(", "));
        return sb.length() > 2 ? sb.substring(0, sb.length() - 2) : "";
    }

    /** Ids of the paragraphs re-labelled blind (in both agreement files). */
    List<String> agreementIds() throws IOException {
        return agreementReport().ids();
    }

    /** The data card's inter-annotator agreement section (empty without agreement files). */
    String agreement() throws IOException {
        return agreementReport().markdown();
    }

    private AgreementReport agreementReport() {
        return new AgreementReport(
                dir,
                scheme,
                paragraphs.paragraphCount(),
                requirements().path("new_paragraph_id_prefix").asText(""));
    }

    /** Articles by scope and topic per split, contrastive sets, and how often out-of-scope text carries a frame. */
    private String scopeSection(List<String> splits) {
        if (!articles.has("scope")) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n### Scope and topics (articles)\n\n| scope:topic | ");
        sb.append(String.join(" | ", splits))
                .append(" | total |\n|---|")
                .append("---|".repeat(splits.size() + 1))
                .append('\n');
        Map<String, Map<String, Integer>> m = new TreeMap<>();
        for (CsvTable.Row r : articles.rows()) {
            Map<String, Integer> x =
                    m.computeIfAbsent(cell(r, "scope") + ":" + cell(r, "topic"), k -> new LinkedHashMap<>());
            x.merge(r.get("split"), 1, Integer::sum);
            x.merge("total", 1, Integer::sum);
        }
        m.forEach((k, x) -> {
            sb.append("| ").append(k).append(" |");
            splits.forEach(s -> sb.append(' ').append(x.getOrDefault(s, 0)).append(" |"));
            sb.append(' ').append(x.get("total")).append(" |\n");
        });
        Task frames =
                scheme.tasks().stream().filter(Task::multiLabel).findFirst().orElse(null);
        java.util.Set<String> outIds = new java.util.HashSet<>();
        articles.rows().stream().filter(r -> "out".equals(cell(r, "scope"))).forEach(r -> outIds.add(r.get("id")));
        if (frames != null && !outIds.isEmpty()) {
            int outParas = 0, framed = 0, outArts = 0, framedArts = 0;
            for (LabeledArticle a : paragraphs.articles()) {
                if (!outIds.contains(a.id())) continue;
                outArts++;
                boolean any = false;
                for (Labels l : a.paragraphLabels()) {
                    outParas++;
                    if (!l.of(frames.name()).isEmpty()) {
                        framed++;
                        any = true;
                    }
                }
                if (any) framedArts++;
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "%nOut of scope: %d articles (%.1f%% of all), %d paragraphs; %d of those articles (%.1f%%) "
                            + "and %d paragraphs (%.1f%%) carry a frame where the text turns to the domain.%n",
                    outArts,
                    100.0 * outArts / articles.rows().size(),
                    outParas,
                    framedArts,
                    100.0 * framedArts / Math.max(1, outArts),
                    framed,
                    100.0 * framed / Math.max(1, outParas)));
        }
        Map<String, List<CsvTable.Row>> ev = events();
        if (!ev.isEmpty()) {
            Map<String, Integer> alignSets = new TreeMap<>();
            ev.values()
                    .forEach(rs -> alignSets.merge(
                            String.join(
                                    "/",
                                    rs.stream()
                                            .map(r -> cell(r, "alignment"))
                                            .sorted()
                                            .toList()),
                            1,
                            Integer::sum));
            sb.append(String.format(
                    Locale.ROOT,
                    "%nContrastive sets: %d invented events, each written by several outlets (%d articles); outlet alignments per event: %s.%n",
                    ev.size(),
                    ev.values().stream().mapToInt(List::size).sum(),
                    alignSets));
        }
        long headed = paragraphs.articles().stream()
                .flatMap(a -> a.paragraphs().stream())
                .filter(p -> p.indexOf('\n') >= 0)
                .count();
        sb.append(String.format(Locale.ROOT, "%nParagraphs under a section heading: %d.%n", headed));
        return sb.toString();
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
