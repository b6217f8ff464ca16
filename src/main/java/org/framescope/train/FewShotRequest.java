package org.framescope.train;

import java.util.Objects;

/**
 * What to add to a model with {@link FewShot#extend}: a new label of a multi-label task, its
 * description and examples, and the seed of its cross-validation.
 *
 * <p><b>Thread-safety:</b> an immutable value.
 *
 * @param task        the multi-label task that gets the label
 * @param label       the new label's name (not one of the task's labels; no {@code ;} or {@code :})
 * @param description one or two sentences saying what the label means; embedded as one more
 *                    positive example and kept as the label's description
 * @param examples    the example paragraphs
 * @param seed        seed of the folds and of any sample of the training corpus
 */
public record FewShotRequest(String task, String label, String description, FewShotExamples examples, long seed) {

    /**
     * Checks the request.
     *
     * @throws IllegalArgumentException if the description is blank
     * @throws NullPointerException if a field is null
     */
    public FewShotRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(examples, "examples");
        if (description.isBlank()) {
            throw new IllegalArgumentException("the new label needs a description (--description)");
        }
    }
}
