package org.framescope.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.framescope.corpus.CorpusCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code framescope corpus}: data-card statistics and requirement checks for a corpus directory. */
@Command(
        name = "corpus",
        mixinStandardHelpOptions = true,
        description = {
            "Statistics of a labelled corpus directory (scheme.json, paragraphs.csv, articles.csv, agreement/) as Markdown:",
            "label counts per split, co-occurrence, boilerplate, near-duplicates, inter-annotator agreement."
        })
final class CorpusCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "DIR",
            arity = "0..1",
            defaultValue = "data",
            description = "Corpus directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--check", description = "Only check the corpus requirements; exit 2 when any fails.")
    boolean check;

    @Override
    public Integer call() throws Exception {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new org.framescope.util.InputException(
                    dir.toString(),
                    0,
                    null,
                    java.nio.file.Files.exists(dir)
                            ? "not a directory (give the corpus directory)"
                            : "no such directory");
        }
        CorpusCard card = new CorpusCard(dir);
        if (!check) {
            System.out.print(card.markdown());
        }
        List<String> v = card.violations();
        v.forEach(s -> System.err.println("framescope: corpus requirement not met: " + s));
        if (check && v.isEmpty()) {
            System.out.println("corpus OK: all requirements met");
        }
        return v.isEmpty() ? Main.OK : Main.BAD_INPUT;
    }
}
