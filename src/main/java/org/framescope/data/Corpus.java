package org.framescope.data;

import java.util.List;

/**
 * Articles read from one labelled CSV.
 *
 * @param paragraphLevel true when rows were paragraphs grouped by article id (paragraph labels known)
 * @param langColumn     true when languages come from a {@code lang} column (else they are guessed
 *                       from the text, or unknown)
 */
public record Corpus(
        String file, String sha256, List<LabeledArticle> articles, boolean paragraphLevel, boolean langColumn) {

    /** Copies the article list. */
    public Corpus {
        articles = List.copyOf(articles);
    }

    /** A corpus whose languages do not come from a {@code lang} column. */
    public Corpus(String file, String sha256, List<LabeledArticle> articles, boolean paragraphLevel) {
        this(file, sha256, articles, paragraphLevel, false);
    }

    /** The articles of one split, its name compared ignoring case. */
    public List<LabeledArticle> split(String name) {
        return articles.stream().filter(a -> name.equalsIgnoreCase(a.split())).toList();
    }

    /** The number of paragraphs over all articles. */
    public int paragraphCount() {
        return articles.stream().mapToInt(a -> a.paragraphs().size()).sum();
    }
}
