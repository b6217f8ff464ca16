package org.framescope.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A made-up article-level data set in another label scheme: one long article per row, a multi-label
 * task of six policy frames (labels ';'-separated in a column named {@code Frames}), and a
 * {@code lang} column. Each frame is planted as a signal word in one paragraph. Nothing here is
 * real text.
 */
public final class SyntheticPolicy {

    public static final List<String> FRAMES =
            List.of("economic", "capacity", "morality", "legality", "security", "health");
    static final String[] SIGNALS = {"budgetrix", "staffola", "virtuum", "statutex", "defensia", "clinora"};

    /** scheme.json of the data set: one multi-label task, policy_frames. */
    public static final String SCHEME_JSON = """
            {"name": "policy-frames-test", "tasks": [{"name": "policy_frames", "type": "multi_label",
             "labels": ["economic", "capacity", "morality", "legality", "security", "health"],
             "descriptions": {"economic": "money", "capacity": "resources", "morality": "values",
                              "legality": "law", "security": "defence", "health": "health"}}]}
            """;

    private SyntheticPolicy() {}

    /** CSV with columns id, text, Frames, lang; articles of 3-6 paragraphs. */
    public static String csv(int n, long seed) {
        Random r = new Random(seed);
        String[] vocab = SyntheticData.vocabulary(r, 200);
        StringBuilder sb = new StringBuilder("id,text,Frames,lang\n");
        for (int i = 0; i < n; i++) {
            int np = 3 + r.nextInt(4);
            List<StringBuilder> ps = new ArrayList<>();
            for (int j = 0; j < np; j++) {
                StringBuilder p = new StringBuilder();
                for (int w = 0; w < 20; w++) {
                    p.append(vocab[r.nextInt(vocab.length)]).append(' ');
                }
                ps.add(p);
            }
            List<String> frames = new ArrayList<>();
            for (int f = 0; f < FRAMES.size(); f++) {
                if (r.nextDouble() < 0.3) {
                    ps.get(r.nextInt(np)).append(SIGNALS[f]).append(' ');
                    frames.add(FRAMES.get(f));
                }
            }
            sb.append("pol-")
                    .append(seed)
                    .append('-')
                    .append(i)
                    .append(",\"")
                    .append(String.join(
                            "\n\n",
                            ps.stream().map(p -> p.toString().strip() + ".").toList()))
                    .append("\",")
                    .append(String.join(";", frames))
                    .append(',')
                    .append(i % 3 == 0 ? "de" : "en")
                    .append('\n');
        }
        return sb.toString();
    }
}
