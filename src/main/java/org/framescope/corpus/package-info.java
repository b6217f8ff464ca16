/**
 * Tooling for a labelled corpus as data, apart from the model: the checks of
 * {@code data/requirements.json} (the rules are read from that file, not written here), the data
 * card, near-duplicate detection and inter-annotator agreement ({@code framescope corpus}).
 */
package org.framescope.corpus;
