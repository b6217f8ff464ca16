package org.framescope.eval;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Metrics of one model on one labelled data set, per task, at paragraph and article level, and per
 * language ({@code byLang}, empty unless the data has a {@code lang} column with two or more values).
 */
public record Evaluation(String model, String data, int articles, int paragraphs,
                         List<TaskMetrics> paragraph, List<TaskMetrics> article, List<LangSlice> byLang) {

    public Evaluation {
        paragraph = List.copyOf(paragraph);
        article = List.copyOf(article);
        byLang = byLang == null ? List.of() : List.copyOf(byLang);
    }

    public Evaluation(String model, String data, int articles, int paragraphs, List<TaskMetrics> paragraph, List<TaskMetrics> article) {
        this(model, data, articles, paragraphs, paragraph, article, List.of());
    }

    /** The metrics of a level ("paragraph" or "article"); empty when that level was not evaluated. */
    public List<TaskMetrics> level(String level) {
        return "paragraph".equals(level) ? paragraph : article;
    }

    /** Mean over tasks of macro-F1 at a level ("paragraph" or "article"); empty when not evaluated. */
    public OptionalDouble meanMacroF1(String level) {
        return level(level).stream().mapToDouble(m -> m.macro().f1()).average();
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

    /** The same evaluation without curves (for model manifests and cross-validation runs). */
    public Evaluation withoutCurves() {
        return new Evaluation(model, data, articles, paragraphs,
                paragraph.stream().map(TaskMetrics::withoutCurves).toList(),
                article.stream().map(TaskMetrics::withoutCurves).toList(), byLang);
    }
}
