package org.framescope.eval;

import java.util.List;
import java.util.OptionalDouble;

/** Metrics of one model on one labelled data set, per task, at paragraph and article level. */
public record Evaluation(String model, String data, int articles, int paragraphs,
                         List<TaskMetrics> paragraph, List<TaskMetrics> article) {

    public Evaluation {
        paragraph = List.copyOf(paragraph);
        article = List.copyOf(article);
    }

    /** Mean over tasks of macro-F1 at a level ("paragraph" or "article"); empty when not evaluated. */
    public OptionalDouble meanMacroF1(String level) {
        List<TaskMetrics> ms = "paragraph".equals(level) ? paragraph : article;
        return ms.stream().mapToDouble(m -> m.macro().f1()).average();
    }

    /** The selection score used for early stopping and model choice: mean macro-F1 over levels evaluated. */
    public double selectionScore() {
        OptionalDouble p = meanMacroF1("paragraph");
        OptionalDouble a = meanMacroF1("article");
        if (p.isPresent() && a.isPresent()) {
            return (p.getAsDouble() + a.getAsDouble()) / 2;
        }
        return p.isPresent() ? p.getAsDouble() : a.orElse(0);
    }
}
