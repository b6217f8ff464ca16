package org.framescope;

import java.util.List;

/**
 * Why an article carries a label: the paragraphs that carry it, strongest first.
 *
 * @param score the article-level score of the label
 */
public record Evidence(String task, String label, double score, List<Integer> paragraphs) {
    public Evidence {
        paragraphs = List.copyOf(paragraphs);
    }
}
