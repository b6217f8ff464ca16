package org.framescope.server;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a sample out of Prometheus text: by name and labels, in any label order, the value as a
 * number. Tests assert what a series means (its value), not how the client spells it (1 or 1.0).
 */
final class PromText {

    private PromText() {}

    /** The value of the sample with exactly these labels (name=value pairs), or NaN when there is none. */
    static double value(String text, String name, String... labels) {
        Map<String, String> want = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            want.put(labels[i], labels[i + 1]);
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String n = line.substring(0, brace >= 0 ? brace : space);
            if (!n.equals(name)) {
                continue;
            }
            Map<String, String> got = new TreeMap<>();
            if (brace >= 0) {
                String inside = line.substring(brace + 1, line.lastIndexOf('}'));
                for (String pair : inside.split(",(?=[a-z_]+=\")")) {
                    int eq = pair.indexOf('=');
                    got.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                }
            }
            if (got.equals(want)) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return Double.NaN;
    }
}
