package example;

import java.nio.file.Files;
import java.nio.file.Path;
import org.framescope.FrameScope;
import org.framescope.result.ArticleResult;

/** Classifies one article with the model shipped in the framescope jar and prints its labels per task. */
public class ClassifyArticle {
    public static void main(String[] args) throws Exception {
        String text = Files.readString(Path.of(args.length > 0 ? args[0] : "data/examples/sahel-defence-pact.txt"));
        try (FrameScope fs = FrameScope.loadDefault()) {
            ArticleResult result = fs.classify(text);
            result.tasks().forEach((task, r) -> System.out.println(task + ": " + r.labels()));
        }
    }
}
