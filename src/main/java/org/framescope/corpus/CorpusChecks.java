package org.framescope.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.framescope.data.LabeledArticle;
import org.framescope.io.CsvTable;
import org.framescope.model.Task;

/**
 * The corpus requirements ({@code requirements.json}, rules as data) checked against a corpus
 * card's numbers: sizes, language and scope shares, splits, label support, near duplicates and
 * the share of new paragraphs labelled twice.
 */
final class CorpusChecks {

    private final CorpusCard card;

    CorpusChecks(CorpusCard card) {
        this.card = card;
    }

    /** Requirement violations of the corpus; empty when the corpus meets them all. */
    List<String> violations() throws IOException {
        JsonNode req = card.requirements();
        List<String> splits = card.splits();
        List<String> v = new ArrayList<>();
        int nArticles = card.paragraphs().articles().size();
        int nParas = card.paragraphs().paragraphCount();
        int minA = req.path("min_articles").asInt(0),
                minP = req.path("min_paragraphs").asInt(0);
        if (nArticles < minA) v.add("only " + nArticles + " articles (need " + minA + ")");
        if (nParas < minP) v.add("only " + nParas + " paragraphs (need " + minP + ")");
        long fr = card.paragraphs().articles().stream()
                .filter(a -> "fr".equals(a.lang()))
                .count();
        double minFr = req.path("min_french_share").asDouble(0);
        if (fr < minFr * nArticles)
            v.add(String.format(Locale.ROOT, "only %d French articles (need %.0f%%)", fr, 100 * minFr));
        double minOut = req.path("min_out_of_scope_share").asDouble(0);
        long out = card.articles().rows().stream()
                .filter(r -> "out".equals(card.cell(r, "scope")))
                .count();
        if (out < minOut * card.articles().rows().size())
            v.add(String.format(Locale.ROOT, "only %d out-of-scope articles (need %.0f%%)", out, 100 * minOut));
        Map<String, List<CsvTable.Row>> events = card.events();
        int minEv = req.path("min_contrastive_events").asInt(0),
                perEv = req.path("outlets_per_contrastive_event").asInt(0);
        long fullEvents =
                events.values().stream().filter(rs -> rs.size() >= perEv).count();
        if (fullEvents < minEv)
            v.add("only " + fullEvents + " contrastive events written by " + perEv + " outlets (need " + minEv + ")");
        events.forEach((e, rs) -> {
            if (rs.stream().map(r -> r.get("split")).distinct().count() > 1)
                v.add("contrastive event " + e + " spans more than one split");
        });
        req.path("min_split_articles").fields().forEachRemaining(e -> {
            long n = card.paragraphs().articles().stream()
                    .filter(a -> e.getKey().equals(a.split()))
                    .count();
            if (n < e.getValue().asInt())
                v.add("split " + e.getKey() + " has " + n + " articles (need "
                        + e.getValue().asInt() + ")");
        });
        Map<String, Map<String, Integer>> c = card.labelCounts();
        for (Task t : card.scheme().tasks()) {
            for (String l : t.labels()) {
                Map<String, Integer> m = c.getOrDefault(t.name() + ":" + l, Map.of());
                int min = req.path(
                                t.multiLabel() ? "min_paragraphs_per_multi_label" : "min_paragraphs_per_single_label")
                        .asInt(0);
                if (m.getOrDefault("total", 0) < min)
                    v.add(t.name() + ":" + l + " on " + m.getOrDefault("total", 0) + " paragraphs (need " + min + ")");
                for (String s : splits) {
                    if (m.getOrDefault(s, 0) == 0) v.add(t.name() + ":" + l + " absent from split " + s);
                }
            }
        }
        int none = c.getOrDefault("frames:(none)", Map.of()).getOrDefault("total", 0);
        double minNone = req.path("min_no_frame_share").asDouble(0);
        if (none < minNone * nParas)
            v.add(String.format(Locale.ROOT, "only %d paragraphs without a frame (need %.0f%%)", none, 100 * minNone));
        for (LabeledArticle a : card.paragraphs().articles()) {
            if (a.split() == null || !splits.contains(a.split()))
                v.add("article " + a.id() + " has split '" + a.split() + "'");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (CsvTable.Row r : CorpusCard.CsvRows.rows(card.dir().resolve("paragraphs.csv"))) {
            if (!ids.add(r.get("id"))) v.add("duplicate paragraph id " + r.get("id"));
        }
        java.util.Set<String> aids = new java.util.HashSet<>();
        for (CsvTable.Row r : card.articles().rows()) {
            if (!aids.add(r.get("id"))) v.add("duplicate article id " + r.get("id"));
        }
        java.util.Set<String> paraArticles = new java.util.HashSet<>();
        card.paragraphs().articles().forEach(a -> paraArticles.add(a.id()));
        if (!aids.equals(paraArticles)) v.add("articles.csv and paragraphs.csv list different articles");
        double dupShare = card.nearDuplicateShare();
        double maxDup = req.path("max_near_duplicate_share").asDouble(1.0);
        if (dupShare >= maxDup)
            v.add(String.format(
                    Locale.ROOT,
                    "%.2f%% of paragraphs are near-duplicates (need < %.0f%%)",
                    100 * dupShare,
                    100 * maxDup));
        double minAgree = req.path("min_agreement_share_of_new_paragraphs").asDouble(0);
        String prefix = req.path("new_paragraph_id_prefix").asText("");
        if (minAgree > 0) {
            long newParas = ids.stream().filter(i -> i.startsWith(prefix)).count();
            long sample = card.agreementIds().stream()
                    .filter(i -> i.startsWith(prefix))
                    .count();
            if (sample < minAgree * newParas)
                v.add(String.format(
                        Locale.ROOT,
                        "only %d of %d new paragraphs re-labelled blind (need %.0f%%)",
                        sample,
                        newParas,
                        100 * minAgree));
        }
        return v;
    }
}
