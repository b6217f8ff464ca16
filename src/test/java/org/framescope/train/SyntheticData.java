package org.framescope.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic articles for trainer tests: paragraphs of filler words, with each article label planted
 * in exactly one paragraph through a signal word. Nothing here is corpus text.
 */
public final class SyntheticData {

    public static final String[] FRAME_SIGNALS = {"zorblat", "quintex", "vormani"};
    public static final String[] STANCE_SIGNALS = {"applaudit", "denouncia", null};

    /** One generated article with the planted paragraph index per frame (-1 when absent). */
    public record Article(
            String id,
            List<String> paragraphs,
            List<String> frames,
            String stance,
            int[] planted,
            int stanceParagraph) {}

    private SyntheticData() {}

    /** Random filler words of 3 to 8 letters, drawn from {@code r}. */
    static String[] vocabulary(Random r, int size) {
        String[] vocab = new String[size];
        for (int i = 0; i < vocab.length; i++) {
            StringBuilder w = new StringBuilder();
            int len = 3 + r.nextInt(6);
            for (int k = 0; k < len; k++) {
                w.append((char) ('a' + r.nextInt(26)));
            }
            vocab[i] = w.toString();
        }
        return vocab;
    }

    /** Paragraphs of random filler words. */
    static List<StringBuilder> filler(Random r, String[] vocab, int paragraphs, int words) {
        List<StringBuilder> ps = new ArrayList<>();
        for (int j = 0; j < paragraphs; j++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                sb.append(vocab[r.nextInt(vocab.length)]).append(' ');
            }
            ps.add(sb);
        }
        return ps;
    }

    public static List<Article> articles(int n, int paragraphs, long seed) {
        Random r = new Random(seed);
        String[] vocab = vocabulary(r, 300);
        List<Article> out = new ArrayList<>();
        String[] frameNames = {"a", "b", "c"};
        String[] stances = {"favor", "against", "none"};
        for (int i = 0; i < n; i++) {
            List<StringBuilder> ps = filler(r, vocab, paragraphs, 25);
            List<String> frames = new ArrayList<>();
            int[] planted = {-1, -1, -1};
            for (int f = 0; f < 3; f++) {
                if (r.nextDouble() < 0.4) {
                    planted[f] = r.nextInt(paragraphs);
                    ps.get(planted[f]).append(FRAME_SIGNALS[f]).append(' ');
                    frames.add(frameNames[f]);
                }
            }
            int s = r.nextInt(3);
            int sp = -1;
            if (STANCE_SIGNALS[s] != null) {
                sp = r.nextInt(paragraphs);
                ps.get(sp).append(STANCE_SIGNALS[s]).append(' ');
            }
            out.add(new Article(
                    "s" + seed + "-" + i,
                    ps.stream().map(b -> b.toString().strip() + ".").toList(),
                    frames,
                    stances[s],
                    planted,
                    sp));
        }
        return out;
    }

    /**
     * Articles whose frame "a" is a property of the whole text: a positive article has two signal
     * words in two different paragraphs, a negative one only one of them.
     * No single paragraph ever holds both, so a max over paragraphs cannot tell them apart; the whole
     * article can.
     */
    public static List<Article> spreadArticles(int n, int paragraphs, long seed) {
        Random r = new Random(seed);
        String[] vocab = vocabulary(r, 300);
        List<Article> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<StringBuilder> ps = filler(r, vocab, paragraphs, 12);
            boolean positive = r.nextBoolean();
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < paragraphs; j++) {
                order.add(j);
            }
            java.util.Collections.shuffle(order, r);
            if (positive) {
                ps.get(order.get(0)).append(FRAME_SIGNALS[0]).append(' ');
                ps.get(order.get(1)).append(FRAME_SIGNALS[1]).append(' ');
            } else {
                String cue = FRAME_SIGNALS[r.nextInt(2)];
                for (int k = 0; k < 1; k++) {
                    ps.get(order.get(k)).append(cue).append(' ');
                }
            }
            out.add(new Article(
                    "w" + seed + "-" + i,
                    ps.stream().map(b -> b.toString().strip() + ".").toList(),
                    positive ? List.of("a") : List.of(),
                    "none",
                    new int[] {positive ? order.get(0) : -1, -1, -1},
                    -1));
        }
        return out;
    }

    /** Article-level CSV: whole article text (paragraphs separated by blank lines), article labels only. */
    public static String articleCsv(List<Article> arts, String split) {
        StringBuilder sb = new StringBuilder("id,text,frames,stance,split\n");
        for (Article a : arts) {
            sb.append(a.id())
                    .append(",\"")
                    .append(String.join("\n\n", a.paragraphs()))
                    .append("\",")
                    .append(String.join(";", a.frames()))
                    .append(',')
                    .append(a.stance())
                    .append(',')
                    .append(split)
                    .append('\n');
        }
        return sb.toString();
    }

    /** Paragraph-level CSV: one row per paragraph with paragraph labels. */
    public static String paragraphCsv(List<Article> arts, String split) {
        StringBuilder sb = new StringBuilder("id,article_id,paragraph,text,frames,stance,split\n");
        String[] frameNames = {"a", "b", "c"};
        for (Article a : arts) {
            for (int j = 0; j < a.paragraphs().size(); j++) {
                List<String> fs = new ArrayList<>();
                for (int f = 0; f < 3; f++) {
                    if (a.planted()[f] == j) fs.add(frameNames[f]);
                }
                String stance = a.stanceParagraph() == j ? a.stance() : "none";
                sb.append(a.id())
                        .append("-")
                        .append(j)
                        .append(',')
                        .append(a.id())
                        .append(',')
                        .append(j)
                        .append(",\"")
                        .append(a.paragraphs().get(j))
                        .append("\",")
                        .append(String.join(";", fs))
                        .append(',')
                        .append(stance)
                        .append(',')
                        .append(split)
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
