package org.framescope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.framescope.FrameScope;
import org.framescope.io.TextInput;
import org.framescope.result.ArticleInput;
import org.framescope.result.ArticleResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code framescope classify}: label whole articles given as text files (or stdin). */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classify articles given as text files (one article per file; '-' reads stdin).",
            "Prints the article's labels and stances, the paragraphs that carry them, and every paragraph's labels with scores."
        })
final class ClassifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Text files, or '-' for stdin.")
    List<String> files = new ArrayList<>();

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--json", description = "Print JSON (one object per article, JSON Lines) instead of text.")
    boolean json;

    @Option(names = "--all-scores", description = "Show the score of every label, not only the predicted ones.")
    boolean allScores;

    @Option(
            names = "--explain",
            description =
                    "Explain every label: the sentences that carry it (marked in its paragraph) and the terms that push it up or down (a few times slower).")
    boolean explain;

    @Override
    public Integer call() throws Exception {
        List<ArticleInput> inputs = new ArrayList<>();
        for (String f : files) {
            inputs.add(new ArticleInput(TextInput.displayName(f), TextInput.readAll(f, modelOptions.maxChars)));
        }
        ObjectMapper mapper = new ObjectMapper();
        try (FrameScope fs = modelOptions.load(false)) {
            List<ArticleResult> results = explain ? fs.explainArticles(inputs) : fs.classifyArticles(inputs);
            for (ArticleResult r : results) {
                if (json) {
                    System.out.println(mapper.writeValueAsString(r));
                } else {
                    ResultPrinter.print(System.out, r, allScores);
                }
            }
        }
        System.out.flush();
        return Main.OK;
    }
}
