package org.framescope.io;

import org.framescope.model.LabeledArticle;

import java.util.List;

/**
 * Articles read from one labelled CSV.
 *
 * @param paragraphLevel true when rows were paragraphs grouped by article id (paragraph labels known)
 */
public record Corpus(String file, String sha256, List<LabeledArticle> articles, boolean paragraphLevel) {

    public Corpus {
        articles = List.copyOf(articles);
    }

    public List<LabeledArticle> split(String name) {
        return articles.stream().filter(a -> name.equalsIgnoreCase(a.split())).toList();
    }

    public int paragraphCount() {
        return articles.stream().mapToInt(a -> a.paragraphs().size()).sum();
    }
}
