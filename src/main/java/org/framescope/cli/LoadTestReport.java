package org.framescope.cli;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.framescope.cli.LoadGenerator.Level;

/** The Markdown table of a load test: one row per concurrency level, with the client machine. */
final class LoadTestReport {

    private LoadTestReport() {}

    static void print(PrintStream out, URI base, int articles, int paragraphs, List<Level> levels) {
        out.printf(
                Locale.ROOT,
                "Load test: %s, %d articles (%d paragraphs) sent round-robin, one article per request; client %d cores, Java %s%n%n",
                base,
                articles,
                paragraphs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.println(
                "| concurrency | requests | duration s | throughput (paragraphs/s) | p50 ms | p95 ms | p99 ms | 503s | other errors | server peak RSS |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Level l : levels) {
            out.printf(
                    Locale.ROOT,
                    "| %d | %d | %.1f | %.1f | %.0f | %.0f | %.0f | %d | %d | %s |%n",
                    l.concurrency(),
                    l.requests(),
                    l.seconds(),
                    l.throughput(),
                    l.percentileMs(0.50),
                    l.percentileMs(0.95),
                    l.percentileMs(0.99),
                    l.unavailable(),
                    l.otherErrorCount(),
                    l.peakRssBytes() == null ? "n/a" : (l.peakRssBytes() >> 20) + " MB");
        }
        out.flush();
    }
}
