package org.framescope.encode;

/**
 * Settings of the lexical feature block: hashed word n-grams and character n-grams (taken inside
 * word boundaries, so they survive inflection and French elision), TF-IDF weighted.
 *
 * @param wordBits     log2 of the word n-gram buckets
 * @param charBits     log2 of the character n-gram buckets
 * @param wordNgramMax longest word n-gram (1 = unigrams only)
 * @param charMin      shortest character n-gram
 * @param charMax      longest character n-gram
 * @param foldAccents  strip diacritics before hashing (French spellings vary in scraped text)
 */
public record LexicalConfig(
        int wordBits, int charBits, int wordNgramMax, int charMin, int charMax, boolean foldAccents) {

    /**
     * The default settings: 2^13 word and 2^13 character buckets, word 1- and 2-grams, character 3- to
     * 5-grams, accents folded.
     */
    public static LexicalConfig defaults() {
        return new LexicalConfig(13, 13, 2, 3, 5, true);
    }

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if a bucket size is out of range (word bits 4 to 22, char bits 0 to
     *     22) or an n-gram range is empty
     */
    public LexicalConfig {
        if (wordBits < 4 || wordBits > 22 || charBits < 0 || charBits > 22) {
            throw new IllegalArgumentException("hash bits out of range (word 4..22, char 0..22)");
        }
        if (wordNgramMax < 1 || charMin < 1 || charMax < charMin) {
            throw new IllegalArgumentException("bad n-gram range");
        }
    }

    /** The number of word n-gram buckets, {@code 2^wordBits}. */
    public int wordBuckets() {
        return 1 << wordBits;
    }

    /** The number of character n-gram buckets, {@code 2^charBits}, or 0 when {@code charBits} is 0. */
    public int charBuckets() {
        return charBits == 0 ? 0 : 1 << charBits;
    }

    /** The lexical block's width: word buckets then character buckets. */
    public int dim() {
        return wordBuckets() + charBuckets();
    }
}
