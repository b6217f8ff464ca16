/**
 * Labelled data: articles with their paragraphs and gold labels in a model's label scheme, and a
 * corpus of them read from a CSV. Training, evaluation and corpus checks read these; the model
 * artifact ({@code model}) does not depend on them.
 */
package org.framescope.data;
