package org.framescope;

import java.util.Map;

/** Labels and scores of one paragraph. {@code index} counts kept paragraphs from 0 (the title). */
public record ParagraphResult(int index, String text, boolean title, Map<String, TaskResult> tasks) {
    public ParagraphResult {
        tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
    }
}
