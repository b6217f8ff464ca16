package org.framescope;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.framescope.encode.ArticleFeatures;
import org.framescope.encode.Featurizer;
import org.framescope.encode.LexicalConfig;
import org.framescope.encode.LexicalFeaturizer;
import org.framescope.encode.ParagraphFeatures;
import org.framescope.model.DecisionRules;
import org.framescope.model.Level;
import org.framescope.model.RawScores;
import org.framescope.model.Task;
import org.framescope.result.ArticleResult;
import org.framescope.result.Evidence;
import org.framescope.result.Explanation;
import org.framescope.result.ParagraphResult;
import org.framescope.result.TaskResult;
import org.framescope.text.Sentences;

/**
 * Occlusion explanations of one classified article ({@link Explanation}): every variant is a copy of
 * the article's features with one piece taken out, scored by the same network and decisions.
 * <ul>
 *   <li>Sentences: each sentence of a labelled paragraph (and of an article label's evidence
 *       paragraphs) is removed and the paragraph re-embedded and re-read (both blocks).</li>
 *   <li>Lexical terms: each word is removed from the lexical block only (no encoder call), so it
 *       costs one network pass over cheap variants.</li>
 *   <li>Embedding terms: the top sentence of an article label is read alone, then without each of
 *       up to {@link #EMBEDDING_WORDS} content words, by the label's paragraph head with the
 *       sentence's lexical vector held fixed; a paragraph label whose top sentence is one of
 *       those gets them too.</li>
 * </ul>
 * Variants are shared between labels (one embedding per distinct text), so the cost grows with the
 * article's labelled paragraphs, not with its labels; {@code bench --explain} measures it.
 */
final class Explainer {

    /** Sentences occluded per paragraph at most (longer paragraphs keep their first ones). */
    static final int MAX_SENTENCES = 20;
    /** Evidence paragraphs of an article label whose sentences are occluded. */
    static final int EVIDENCE_PARAGRAPHS = 2;
    /**
     * Content words tried in the lexical block per paragraph (or for the article labels), heaviest
     * TF-IDF first: all of them in news-sized paragraphs (a variant costs a sparse vector and a
     * network step, not an encoder call).
     */
    static final int LEXICAL_WORDS = 150;
    /** Content words of the top sentence removed from the encoder's text. */
    static final int EMBEDDING_WORDS = 4;
    /** Terms reported per block. */
    static final int TOP_TERMS = 6;
    /** Words per article label measured exactly on the whole article, after screening. */
    static final int SCREENED = 8;

    static final int TOP_SENTENCES = 5;
    /** Pseudo-articles of variant paragraphs stay well under the paragraph cap. */
    private static final int CHUNK = 200;

    private static final Set<String> STOPWORDS = Set.of(
            "the", "and", "for", "that", "with", "this", "from", "have", "has", "had", "was", "were", "are", "its",
            "their", "they", "them", "which", "who", "will", "would", "said", "says", "not", "but", "been", "into",
            "than", "also", "les", "des", "une", "que", "qui", "dans", "pour", "par", "sur", "avec", "est", "sont",
            "ont", "aux", "ses", "leur", "leurs", "plus", "pas", "mais", "cette", "ces", "ete", "elle", "ils", "nous",
            "vous", "son", "sa");

    private final FrameScope fs;
    private final Featurizer featurizer;
    private final DecisionRules rules;
    private final List<Task> tasks;
    private final LexicalConfig words;

    Explainer(FrameScope fs) {
        this.fs = fs;
        this.featurizer = fs.featurizer();
        this.rules = fs.manifest().decisions();
        this.tasks = fs.scheme().tasks();
        // Word boundaries as the lexical block sees them (the defaults when the model has no lexical block).
        this.words = featurizer.lexical() != null ? featurizer.lexical().config() : LexicalConfig.defaults();
    }

    /** One label to explain: at a level, in a task, on a paragraph (or its evidence, for article labels). */
    private record Target(Level level, int task, int label, double score, List<Integer> paragraphs) {}

    /** A variant paragraph: paragraph {@code j} with a piece taken out; {@code features} filled once embedded. */
    private static final class Variant {
        final int j;
        final String text;
        ParagraphFeatures features;

        Variant(int j, String text) {
            this.j = j;
            this.text = text;
        }
    }

    List<Explanation> explain(ArticleResult r, List<String> texts, ArticleFeatures article) {
        List<Target> targets = targets(r);
        if (targets.isEmpty()) {
            return List.of();
        }
        Set<Integer> occluded = new LinkedHashSet<>();
        targets.forEach(t -> occluded.addAll(t.paragraphs()));
        Map<Integer, List<Sentences.Span>> spans = new HashMap<>();
        Map<Integer, List<Variant>> sentenceVariants = new HashMap<>();
        List<Variant> toEmbed = new ArrayList<>();
        for (int j : occluded) {
            List<Sentences.Span> s = Sentences.split(texts.get(j));
            s = s.subList(0, Math.min(s.size(), MAX_SENTENCES));
            spans.put(j, s);
            List<Variant> vs = new ArrayList<>();
            if (s.size() > 1) {
                for (Sentences.Span span : s) {
                    vs.add(new Variant(j, Sentences.without(texts.get(j), span)));
                }
                toEmbed.addAll(vs);
            }
            sentenceVariants.put(j, vs);
        }
        embed(toEmbed, article);

        // Sentence weights: paragraph labels read the variant paragraph; article labels the variant article.
        Map<Target, double[]> sentenceWeights = new HashMap<>();
        Map<Integer, double[][][]> sentenceRaw = paragraphRawByKey(sentenceVariants, article);
        for (Target t : targets) {
            if (t.level() == Level.PARAGRAPH) {
                int j = t.paragraphs().get(0);
                // A one-sentence paragraph: its sentence carries the whole score.
                double[] w = sentenceVariants.get(j).isEmpty()
                        ? new double[] {t.score()}
                        : drops(t, paragraphScores(t, sentenceRaw.get(j)));
                sentenceWeights.put(t, w);
            }
        }
        List<Target> articleTargets =
                targets.stream().filter(t -> t.level() == Level.ARTICLE).toList();
        if (!articleTargets.isEmpty()) {
            // One variant article per (paragraph, sentence) of any article label's evidence.
            Map<Long, Integer> keys = new HashMap<>(); // (paragraph, sentence) -> variant article
            List<ArticleFeatures> variants = new ArrayList<>();
            for (int j : occluded) {
                if (articleTargets.stream().noneMatch(t -> t.paragraphs().contains(j))) {
                    continue;
                }
                List<Variant> vs = sentenceVariants.get(j);
                if (vs.isEmpty()) {
                    if (texts.size() > 1) { // a one-sentence paragraph: the article without it
                        keys.put(key(j, 0), variants.size());
                        variants.add(articleWithout(texts, article, j));
                    }
                    continue;
                }
                for (int s = 0; s < vs.size(); s++) {
                    keys.put(key(j, s), variants.size());
                    variants.add(articleWith(texts, article, j, vs.get(s).text, vs.get(s).features));
                }
            }
            double[][][] raw = score(variants).article();
            for (Target t : articleTargets) {
                List<Double> w = new ArrayList<>();
                for (int j : t.paragraphs()) {
                    int n = Math.max(1, sentenceVariants.get(j).size());
                    for (int s = 0; s < n; s++) {
                        Integer v = keys.get(key(j, s));
                        w.add(v == null ? t.score() : t.score() - articleScore(t, raw[v]));
                    }
                }
                sentenceWeights.put(
                        t, w.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }

        Map<Target, List<Explanation.TermWeight>> lexicalTerms = lexicalTerms(targets, texts, article);
        Map<Target, List<Explanation.TermWeight>> embeddingTerms =
                embeddingTerms(targets, texts, article, spans, sentenceWeights);

        List<Explanation> out = new ArrayList<>();
        for (Target t : targets) {
            List<Explanation.SentenceWeight> sw = new ArrayList<>();
            double[] w = sentenceWeights.get(t);
            int k = 0;
            for (int j : t.paragraphs()) {
                List<Sentences.Span> s = spans.get(j);
                for (int i = 0; i < Math.max(1, s.size()) && k < w.length; i++, k++) {
                    Sentences.Span span =
                            s.isEmpty() ? new Sentences.Span(0, texts.get(j).length()) : s.get(i);
                    sw.add(new Explanation.SentenceWeight(
                            j,
                            span.start(),
                            span.end(),
                            texts.get(j).substring(span.start(), span.end()),
                            round4(w[k])));
                }
            }
            sw.sort(Comparator.comparingDouble((Explanation.SentenceWeight x) -> -x.weight())
                    .thenComparingInt(Explanation.SentenceWeight::paragraph)
                    .thenComparingInt(Explanation.SentenceWeight::start));
            List<Explanation.TermWeight> terms = new ArrayList<>(lexicalTerms.getOrDefault(t, List.of()));
            terms.addAll(embeddingTerms.getOrDefault(t, List.of()));
            Task task = tasks.get(t.task());
            out.add(new Explanation(
                    t.level(),
                    task.name(),
                    task.labels().get(t.label()),
                    t.score(),
                    t.paragraphs().get(0),
                    sw.subList(0, Math.min(TOP_SENTENCES, sw.size())),
                    terms));
        }
        return out;
    }

    /** Every non-neutral label the result gives, article labels first, with the paragraphs to look at. */
    private List<Target> targets(ArticleResult r) {
        List<Target> out = new ArrayList<>();
        for (int k = 0; k < tasks.size(); k++) {
            Task task = tasks.get(k);
            TaskResult tr = r.tasks().get(task.name());
            for (String label : tr.labels()) {
                if (label.equals(task.neutral())) {
                    continue;
                }
                List<Integer> evidence = r.evidence().stream()
                        .filter(e -> e.task().equals(task.name()) && e.label().equals(label))
                        .findFirst()
                        .map(Evidence::paragraphs)
                        .orElse(List.of(0));
                out.add(new Target(
                        Level.ARTICLE,
                        k,
                        task.indexOf(label),
                        tr.scores().get(label),
                        List.copyOf(evidence.subList(0, Math.min(EVIDENCE_PARAGRAPHS, evidence.size())))));
            }
        }
        for (ParagraphResult p : r.paragraphs()) {
            for (int k = 0; k < tasks.size(); k++) {
                Task task = tasks.get(k);
                TaskResult tr = p.tasks().get(task.name());
                for (String label : tr.labels()) {
                    if (!label.equals(task.neutral())) {
                        out.add(new Target(
                                Level.PARAGRAPH,
                                k,
                                task.indexOf(label),
                                tr.scores().get(label),
                                List.of(p.index())));
                    }
                }
            }
        }
        return out;
    }

    /** Lexical-block occlusion: the word removed from the TF-IDF input only, embeddings unchanged. */
    private Map<Target, List<Explanation.TermWeight>> lexicalTerms(
            List<Target> targets, List<String> texts, ArticleFeatures article) {
        Map<Target, List<Explanation.TermWeight>> out = new HashMap<>();
        LexicalFeaturizer lex = featurizer.lexical();
        if (lex == null) {
            return out;
        }
        // Paragraph labels: variants of their paragraph, shared by the labels on it.
        Map<Integer, List<String>> candidates = new LinkedHashMap<>();
        for (Target t : targets) {
            if (t.level() == Level.PARAGRAPH) {
                candidates.computeIfAbsent(t.paragraphs().get(0), j -> candidates(List.of(texts.get(j)), lex));
            }
        }
        Map<String, int[]> memo = new java.util.concurrent.ConcurrentHashMap<>();
        List<List<String>> paragraphWords = texts.stream()
                .map(t -> LexicalFeaturizer.words(lex.config(), t))
                .toList();
        Map<Integer, List<Variant>> lexicalVariants = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<String>> e : candidates.entrySet()) {
            int j = e.getKey();
            lexicalVariants.put(j, withoutEachWord(j, e.getValue(), texts, article, lex, paragraphWords, memo));
        }
        Map<Integer, double[][][]> paragraphRaw = paragraphRawByKey(lexicalVariants, article);
        for (Target t : targets) {
            if (t.level() == Level.PARAGRAPH) {
                int j = t.paragraphs().get(0);
                double[] d = drops(t, paragraphScores(t, paragraphRaw.get(j)));
                out.put(t, topTerms(candidates.get(j), d, "lexical"));
            }
        }
        // Article labels: the word removed everywhere in the article's lexical input. A whole-article
        // variant costs a network pass over every paragraph, so the words are screened first by what
        // they do to the label's paragraph head in its evidence paragraphs (one cheap pass), and
        // only each label's SCREENED strongest are measured exactly on the article.
        List<Target> articleTargets =
                targets.stream().filter(t -> t.level() == Level.ARTICLE).toList();
        if (!articleTargets.isEmpty()) {
            Set<Integer> evidence = new LinkedHashSet<>();
            articleTargets.forEach(t -> evidence.addAll(t.paragraphs()));
            Map<Integer, List<String>> evidenceWords = new LinkedHashMap<>();
            Map<Integer, List<Variant>> screen = new LinkedHashMap<>();
            for (int j : evidence) {
                List<String> ws =
                        candidates.containsKey(j) ? candidates.get(j) : candidates(List.of(texts.get(j)), lex);
                evidenceWords.put(j, ws);
                screen.put(
                        j,
                        lexicalVariants.containsKey(j)
                                ? lexicalVariants.get(j)
                                : withoutEachWord(j, ws, texts, article, lex, paragraphWords, memo));
            }
            Map<Integer, double[][][]> screenRaw = paragraphRawByKey(screen, article);
            Map<Target, List<String>> shortlist = new HashMap<>();
            Set<String> union = new LinkedHashSet<>();
            for (Target t : articleTargets) {
                Map<String, Double> strength = new HashMap<>();
                for (int j : t.paragraphs()) {
                    double[] base = paragraphScores(t, new double[][][] {rawParagraph(article, j)});
                    double[] s = paragraphScores(t, screenRaw.get(j));
                    List<String> ws = evidenceWords.get(j);
                    for (int i = 0; i < ws.size(); i++) {
                        strength.merge(ws.get(i), Math.abs(base[0] - s[i]), Math::max);
                    }
                }
                List<String> best = strength.entrySet().stream()
                        .sorted(Map.Entry.<String, Double>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(SCREENED)
                        .map(Map.Entry::getKey)
                        .toList();
                shortlist.put(t, best);
                union.addAll(best);
            }
            List<String> words = new ArrayList<>(union);
            List<ArticleFeatures> variants = words.parallelStream()
                    .map(w -> {
                        List<ParagraphFeatures> ps = new ArrayList<>();
                        List<String> all = new ArrayList<>();
                        for (int j = 0; j < texts.size(); j++) {
                            List<String> kept = without(paragraphWords.get(j), w);
                            all.addAll(kept);
                            ParagraphFeatures p = article.paragraphs().get(j);
                            ps.add(
                                    kept.size() == paragraphWords.get(j).size()
                                            ? p
                                            : new ParagraphFeatures(p.embedding(), lex.transformWords(kept, memo)));
                        }
                        // Only the lexical block changes: the article keeps its mean embedding.
                        return new ArticleFeatures(ps, article.meanEmbedding(), lex.transformWords(all, memo));
                    })
                    .toList();
            double[][][] raw = score(variants).article();
            for (Target t : articleTargets) {
                List<String> mine = shortlist.get(t);
                double[] d = new double[mine.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = t.score() - articleScore(t, raw[words.indexOf(mine.get(i))]);
                }
                out.put(t, topTerms(mine, d, "lexical"));
            }
        }
        return out;
    }

    /** Encoder occlusion on each label's top sentence: content words removed from the text the encoder reads. */
    private Map<Target, List<Explanation.TermWeight>> embeddingTerms(
            List<Target> targets,
            List<String> texts,
            ArticleFeatures article,
            Map<Integer, List<Sentences.Span>> spans,
            Map<Target, double[]> sentenceWeights) {
        Map<Target, List<Explanation.TermWeight>> out = new HashMap<>();
        if (featurizer.encoder() == null) {
            return out;
        }
        // The top sentence of each label, as (paragraph, span); labels sharing one share its variants.
        Map<Target, Sentences.Span> top = new HashMap<>();
        Map<Target, Integer> topParagraph = new HashMap<>();
        for (Target t : targets) {
            double[] w = sentenceWeights.get(t);
            int best = 0;
            for (int i = 1; i < w.length; i++) {
                if (w[i] > w[best]) {
                    best = i;
                }
            }
            int k = 0;
            for (int j : t.paragraphs()) {
                List<Sentences.Span> s = spans.get(j);
                int n = Math.max(1, s.size());
                if (best < k + n) {
                    topParagraph.put(t, j);
                    top.put(t, s.isEmpty() ? new Sentences.Span(0, texts.get(j).length()) : s.get(best - k));
                    break;
                }
                k += n;
            }
        }
        // The top sentence read alone, and without each of its content words; the lexical block keeps
        // the sentence's own vector. Short texts: a few encoder calls cost less than one paragraph's.
        // Article labels' top sentences are occluded; a paragraph label shares one when its top
        // sentence is among them, which bounds the cost by the article's labels, not its paragraphs.
        Map<String, List<Variant>> byTop = new LinkedHashMap<>();
        Map<String, List<String>> wordsByTop = new HashMap<>();
        List<Variant> toEmbed = new ArrayList<>();
        for (Target t : targets) {
            if (t.level() != Level.ARTICLE) {
                continue;
            }
            int j = topParagraph.get(t);
            Sentences.Span s = top.get(t);
            String key = j + ":" + s.start();
            if (byTop.containsKey(key)) {
                continue;
            }
            String sentence = texts.get(j).substring(s.start(), s.end());
            List<String> ws = contentWords(sentence);
            List<Variant> vs = new ArrayList<>();
            vs.add(new Variant(j, sentence));
            for (String w : ws) {
                vs.add(new Variant(
                        j,
                        LexicalFeaturizer.withoutWord(words, sentence, w)
                                .replaceAll(" {2,}", " ")
                                .strip()));
            }
            byTop.put(key, vs);
            wordsByTop.put(key, ws);
            toEmbed.addAll(vs);
        }
        embed(toEmbed, article);
        for (List<Variant> vs : byTop.values()) {
            for (Variant v : vs) { // only the encoder's input changes
                v.features = new ParagraphFeatures(
                        v.features.embedding(), vs.get(0).features.lexical());
            }
        }
        Map<String, double[][][]> raw = paragraphRawByKey(byTop, article);
        for (Target t : targets) {
            String key = topParagraph.get(t) + ":" + top.get(t).start();
            List<Variant> vs = byTop.get(key);
            if (vs == null) {
                continue;
            }
            // Read by the label's paragraph head: the sentence is the unit the words are taken from.
            double[] scores = paragraphScores(t, raw.get(key));
            double[] d = new double[vs.size() - 1];
            for (int i = 0; i < d.length; i++) {
                d[i] = scores[0] - scores[i + 1];
            }
            out.put(t, topTerms(wordsByTop.get(key), d, "embedding"));
        }
        return out;
    }

    /** Distinct words of the texts, heaviest first by count x IDF, at most {@link #LEXICAL_WORDS}. */
    private List<String> candidates(List<String> texts, LexicalFeaturizer lex) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        texts.forEach(t -> LexicalFeaturizer.words(lex.config(), t).forEach(w -> {
            if (isContentWord(w)) { // function words carry language, not framing: not worth an analyst's eye
                counts.merge(w, 1, Integer::sum);
            }
        }));
        List<String> all = new ArrayList<>(counts.keySet());
        all.sort(Comparator.comparingDouble((String w) -> -(1 + Math.log(counts.get(w))) * lex.wordIdf(w))
                .thenComparing(Comparator.naturalOrder()));
        return all.subList(0, Math.min(LEXICAL_WORDS, all.size()));
    }

    /** Content words of a sentence (three letters or more, not a stop word), rarest first when IDF is known. */
    private List<String> contentWords(String sentence) {
        Set<String> seen = new LinkedHashSet<>();
        for (String w : LexicalFeaturizer.words(words, sentence)) {
            if (isContentWord(w)) {
                seen.add(w);
            }
        }
        List<String> all = new ArrayList<>(seen);
        LexicalFeaturizer lex = featurizer.lexical();
        Comparator<String> order = lex != null
                ? Comparator.comparingDouble((String w) -> -lex.wordIdf(w))
                : Comparator.comparingInt((String w) -> -w.length());
        all.sort(order.thenComparing(Comparator.naturalOrder()));
        return all.subList(0, Math.min(EMBEDDING_WORDS, all.size()));
    }

    /**
     * One variant of paragraph {@code j} per word, with that word taken out of its lexical input only (embedding
     * unchanged). Independent transforms, so spread over the cores (the encoder is idle meanwhile); order kept.
     */
    private static List<Variant> withoutEachWord(
            int j,
            List<String> words,
            List<String> texts,
            ArticleFeatures article,
            LexicalFeaturizer lex,
            List<List<String>> paragraphWords,
            Map<String, int[]> memo) {
        return words.parallelStream()
                .map(w -> {
                    Variant v = new Variant(j, texts.get(j));
                    v.features = new ParagraphFeatures(
                            article.paragraphs().get(j).embedding(),
                            lex.transformWords(without(paragraphWords.get(j), w), memo));
                    return v;
                })
                .toList();
    }

    private static List<String> without(List<String> words, String w) {
        return words.stream().filter(x -> !x.equals(w)).toList();
    }

    private static boolean isContentWord(String w) {
        return w.length() >= 3 && !STOPWORDS.contains(w) && w.codePoints().anyMatch(Character::isLetter);
    }

    private static List<Explanation.TermWeight> topTerms(List<String> words, double[] drops, String block) {
        List<Explanation.TermWeight> all = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            all.add(new Explanation.TermWeight(words.get(i), block, round4(drops[i])));
        }
        all.sort(Comparator.comparingDouble((Explanation.TermWeight t) -> -Math.abs(t.weight()))
                .thenComparing(Explanation.TermWeight::term));
        return all.stream().filter(t -> t.weight() != 0).limit(TOP_TERMS).toList();
    }

    /** Embeds the variants' texts in one encoder call and fills their features (both blocks). */
    private void embed(List<Variant> variants, ArticleFeatures article) {
        if (variants.isEmpty()) {
            return;
        }
        List<ParagraphFeatures> f =
                featurizer.featurize(variants.stream().map(v -> v.text).toList());
        for (int i = 0; i < variants.size(); i++) {
            variants.get(i).features = f.get(i);
        }
    }

    /** The raw paragraph output of original paragraph {@code j} (one extra network step; cached per article). */
    private double[][] rawParagraph(ArticleFeatures article, int j) {
        return originalRaw
                .computeIfAbsent(article, a -> {
                    Variant[] vs = new Variant[a.paragraphs().size()];
                    for (int i = 0; i < vs.length; i++) {
                        vs[i] = new Variant(i, "");
                        vs[i].features = a.paragraphs().get(i);
                    }
                    return paragraphRaw(List.of(vs), a);
                })[j];
    }

    private final Map<ArticleFeatures, double[][][]> originalRaw = new java.util.IdentityHashMap<>();

    /** {@link #paragraphRaw} of several groups of variants in one network pass, split back by key. */
    private <K> Map<K, double[][][]> paragraphRawByKey(Map<K, List<Variant>> groups, ArticleFeatures article) {
        List<Variant> all = new ArrayList<>();
        groups.values().forEach(all::addAll);
        double[][][] raw = paragraphRaw(all, article);
        Map<K, double[][][]> out = new HashMap<>();
        int at = 0;
        for (Map.Entry<K, List<Variant>> e : groups.entrySet()) {
            out.put(
                    e.getKey(),
                    java.util.Arrays.copyOfRange(raw, at, at + e.getValue().size()));
            at += e.getValue().size();
        }
        return out;
    }

    /** Raw paragraph outputs of variant paragraphs, read as the paragraphs of pseudo-articles (paragraph heads see one paragraph each). */
    private double[][][] paragraphRaw(List<Variant> vs, ArticleFeatures article) {
        double[][][] out = new double[vs.size()][][];
        for (int from = 0; from < vs.size(); from += CHUNK) {
            List<Variant> part = vs.subList(from, Math.min(vs.size(), from + CHUNK));
            List<ParagraphFeatures> ps = part.stream().map(v -> v.features).toList();
            // The article view is irrelevant to paragraph heads; the original one keeps the input complete.
            RawScores raw = score(List.of(new ArticleFeatures(ps, article.meanEmbedding(), article.lexical())));
            for (int i = 0; i < part.size(); i++) {
                out[from + i] = raw.paragraph()[0][i];
            }
        }
        return out;
    }

    private double[] paragraphScores(Target t, double[][][] raw) {
        Task task = tasks.get(t.task());
        double[] s = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            s[i] = rules.forLevel(Level.PARAGRAPH, task.name()).calibrate(task, raw[i][t.task()])[t.label()];
        }
        return s;
    }

    private double articleScore(Target t, double[][] rawArticle) {
        Task task = tasks.get(t.task());
        return rules.forLevel(Level.ARTICLE, task.name()).calibrate(task, rawArticle[t.task()])[t.label()];
    }

    private static double[] drops(Target t, double[] scores) {
        double[] d = new double[scores.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.score() - scores[i];
        }
        return d;
    }

    private ArticleFeatures articleWith(
            List<String> texts, ArticleFeatures article, int j, String text, ParagraphFeatures f) {
        List<String> ts = new ArrayList<>(texts);
        ts.set(j, text);
        List<ParagraphFeatures> ps = new ArrayList<>(article.paragraphs());
        ps.set(j, f);
        return featurizer.article(ts, ps);
    }

    private ArticleFeatures articleWithout(List<String> texts, ArticleFeatures article, int j) {
        List<String> ts = new ArrayList<>(texts);
        ts.remove(j);
        List<ParagraphFeatures> ps = new ArrayList<>(article.paragraphs());
        ps.remove(j);
        return featurizer.article(ts, ps);
    }

    private RawScores score(List<ArticleFeatures> variants) {
        return variants.isEmpty()
                ? new RawScores(new double[0][][][], new double[0][][])
                : fs.forwardFeatures(variants);
    }

    private static long key(int paragraph, int sentence) {
        return ((long) paragraph << 32) | sentence;
    }

    private static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
