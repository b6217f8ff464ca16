package org.framescope.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders metrics as indented JSON: the records' fields as they are (non-finite numbers as strings,
 * e.g. "NaN"). An evaluation with a comparison adds {@code other} (the other model's evaluation)
 * and {@code comparison} to the evaluation's own fields.
 */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    /** The evaluation as an indented JSON document. */
    public static String render(Evaluation e) {
        return write(MAPPER.valueToTree(e));
    }

    /**
     * The evaluation as JSON, with the other model's evaluation and the paired comparison of the two under
     * {@code other} and {@code comparison}.
     */
    public static String render(Evaluation e, Evaluation other, Comparison c) {
        ObjectNode root = MAPPER.valueToTree(e);
        root.set("other", MAPPER.valueToTree(other));
        root.set("comparison", MAPPER.valueToTree(c));
        return write(root);
    }

    /** The cross-validation result as an indented JSON document. */
    public static String render(CvResult r) {
        return write(MAPPER.valueToTree(r));
    }

    /** Every recipe's full cross-validation result, by recipe name (reference first). */
    public static String render(RecipeComparison c) {
        return write(MAPPER.valueToTree(c.recipes()));
    }

    private static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
