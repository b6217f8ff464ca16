package org.framescope;

/** An article to classify: an identifier of the caller's choosing (may be null) and raw text. */
public record ArticleInput(String id, String text) {
}
