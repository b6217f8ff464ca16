package org.framescope.eval;

import java.util.List;
import java.util.OptionalDouble;
import org.framescope.model.Level;

/**
 * Metrics of one model on one labelled data set, per task, at paragraph and article level, and per
 * language ({@code byLang}, empty unless the data has a {@code lang} column with two or more values).
 * Returned by {@link org.framescope.FrameScope#evaluate(java.nio.file.Path, String)} and, for the
 * dev and test articles, by {@link org.framescope.FrameScope#train(java.nio.file.Path,
 * org.framescope.model.LabelScheme, org.framescope.train.TrainConfig)}. Definitions are
 * scikit-learn's ({@code zero_division=0}). Serialises to JSON with Jackson as {@code eval --json}
 * and model manifests show it.
 *
 * <p><b>Thread-safety:</b> immutable (lists are copied), safe to share between threads. Its methods
 * never throw.
 *
 * @param model      the evaluated model's name
 * @param data       what it was evaluated on: the file's name, with the split in parentheses when
 *                   only one split was evaluated (e.g. {@code "data.csv (test)"})
 * @param articles   number of articles evaluated
 * @param paragraphs number of paragraphs in those articles
 * @param paragraph  per-task metrics at paragraph level, in the scheme's task order; empty when the
 *                   data has no paragraph labels (article-level CSVs)
 * @param article    per-task metrics at article level, in the scheme's task order
 * @param byLang     the same per language, without curves; empty unless two or more languages
 */
public record Evaluation(
        String model,
        String data,
        int articles,
        int paragraphs,
        List<TaskMetrics> paragraph,
        List<TaskMetrics> article,
        List<LangSlice> byLang) {

    /**
     * Copies the lists; a null {@code byLang} is taken as empty.
     *
     * @throws NullPointerException if {@code paragraph} or {@code article} is or contains null
     */
    public Evaluation {
        paragraph = List.copyOf(paragraph);
        article = List.copyOf(article);
        byLang = byLang == null ? List.of() : List.copyOf(byLang);
    }

    /**
     * An evaluation without per-language slices.
     *
     * @param model      the evaluated model's name
     * @param data       what it was evaluated on
     * @param articles   number of articles evaluated
     * @param paragraphs number of paragraphs in those articles
     * @param paragraph  per-task metrics at paragraph level (may be empty)
     * @param article    per-task metrics at article level
     * @throws NullPointerException if {@code paragraph} or {@code article} is or contains null
     */
    public Evaluation(
            String model,
            String data,
            int articles,
            int paragraphs,
            List<TaskMetrics> paragraph,
            List<TaskMetrics> article) {
        this(model, data, articles, paragraphs, paragraph, article, List.of());
    }

    /**
     * The metrics of a level.
     *
     * @return that level's per-task metrics; empty when the level was not evaluated
     */
    public List<TaskMetrics> level(Level level) {
        return level == Level.PARAGRAPH ? paragraph : article;
    }

    /**
     * Mean over tasks of macro-F1 at a level.
     *
     * @return the mean, or empty when the level was not evaluated
     */
    public OptionalDouble meanMacroF1(Level level) {
        return level(level).stream().mapToDouble(m -> m.macro().f1()).average();
    }

    /**
     * The selection score used for early stopping and model choice: the mean over the levels
     * evaluated of the mean macro-F1 over tasks.
     *
     * @return the score in [0, 1]; 0 when nothing was evaluated
     */
    public double selectionScore() {
        OptionalDouble p = meanMacroF1(Level.PARAGRAPH);
        OptionalDouble a = meanMacroF1(Level.ARTICLE);
        if (p.isPresent() && a.isPresent()) {
            return (p.getAsDouble() + a.getAsDouble()) / 2;
        }
        return p.isPresent() ? p.getAsDouble() : a.orElse(0);
    }

    /**
     * The same evaluation without the precision-recall curves and threshold sweeps (for model
     * manifests and cross-validation runs).
     *
     * @return a copy without curves
     */
    public Evaluation withoutCurves() {
        return new Evaluation(
                model,
                data,
                articles,
                paragraphs,
                paragraph.stream().map(TaskMetrics::withoutCurves).toList(),
                article.stream().map(TaskMetrics::withoutCurves).toList(),
                byLang);
    }
}
