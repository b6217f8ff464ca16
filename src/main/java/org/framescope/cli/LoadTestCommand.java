package org.framescope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.framescope.cli.LoadGenerator.Article;
import org.framescope.cli.LoadGenerator.Level;
import org.framescope.io.CsvTable;
import org.framescope.io.ParagraphRows;
import org.framescope.util.Hosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code framescope loadtest}: closed-loop load against a running {@code framescope serve}, one level
 * of concurrency after another, printed as a Markdown table. Loopback targets only, and bounded:
 * every level stops at its duration or its request budget, whichever comes first. This class
 * checks the options and the target and reads the articles; {@link LoadGenerator} drives the
 * requests and {@link LoadTestReport} prints the table.
 */
@Command(
        name = "loadtest",
        mixinStandardHelpOptions = true,
        description = {
            "Load-test a running 'framescope serve' (loopback only) with the articles of a CSV split.",
            "Each of N clients sends one article per request and waits for the answer, for the given duration per level.",
            "Prints throughput (paragraphs/s), latency percentiles, 503s, other errors and the server's peak RSS."
        })
final class LoadTestCommand implements Callable<Integer> {

    static final int MAX_CONCURRENCY = 256;
    static final int MAX_DURATION_S = 600;

    @Option(
            names = "--url",
            paramLabel = "URL",
            required = true,
            description = "Base URL of the server, e.g. http://127.0.0.1:8080 (loopback only).")
    String url;

    @Option(
            names = {"-d", "--data"},
            required = true,
            paramLabel = "CSV",
            description = "Paragraph CSV (article_id, paragraph, text) or article CSV (text).")
    String data;

    @Option(
            names = "--split",
            paramLabel = "NAME",
            defaultValue = "test",
            description = "Split to send (default: ${DEFAULT-VALUE}; ignored when the CSV has no split column).")
    String split;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--concurrency",
            paramLabel = "N",
            split = ",",
            defaultValue = "1,4,16",
            description = "Concurrent clients per level (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrency;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--duration",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "Seconds per level (default: ${DEFAULT-VALUE}; at most " + MAX_DURATION_S + ").")
    int duration;

    @Option(
            converter = NumericOptions.NonNegative.class,
            names = "--warmup",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Unmeasured warm-up before the first level (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            converter = NumericOptions.PositiveLong.class,
            names = "--max-requests",
            paramLabel = "N",
            defaultValue = "200000",
            description = "Request budget per level (default: ${DEFAULT-VALUE}).")
    long maxRequests;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--request-timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "Client-side timeout per request (default: ${DEFAULT-VALUE}).")
    int requestTimeout;

    @Option(
            names = "--api-key-file",
            paramLabel = "FILE",
            description = "API key to send (else " + ServeCommand.KEY_ENV + ", if set).")
    Path apiKeyFile;

    @Override
    public Integer call() throws Exception {
        URI base = checkTarget(url);
        if (duration < 1 || duration > MAX_DURATION_S) {
            throw new IllegalArgumentException("--duration must be 1-" + MAX_DURATION_S + " seconds");
        }
        if (warmup < 0 || warmup > MAX_DURATION_S) {
            throw new IllegalArgumentException("--warmup must be 0-" + MAX_DURATION_S + " seconds");
        }
        if (concurrency.isEmpty()
                || concurrency.size() > 10
                || concurrency.stream().anyMatch(c -> c < 1 || c > MAX_CONCURRENCY)) {
            throw new IllegalArgumentException("--concurrency takes 1 to 10 levels, each 1-" + MAX_CONCURRENCY);
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("--max-requests must be positive");
        }
        List<Article> articles = articles(CsvTable.read(data), split);
        if (articles.isEmpty()) {
            throw new IllegalArgumentException(data + ": no articles" + " in split '" + split + "'");
        }
        String key = ServeCommand.apiKey(apiKeyFile);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI classify = base.resolve("/v1/classify");
        URI metrics = base.resolve("/metrics");
        LoadGenerator gen = new LoadGenerator(client, classify, metrics, key, Duration.ofSeconds(requestTimeout));
        int paragraphs = articles.stream().mapToInt(Article::paragraphs).sum();
        System.err.printf(
                Locale.ROOT,
                "loadtest: %s, %d articles (%d paragraphs) from %s%n",
                classify,
                articles.size(),
                paragraphs,
                data);
        if (warmup > 0) {
            System.err.printf(Locale.ROOT, "loadtest: warming up for %d s%n", warmup);
            gen.run(
                    articles,
                    Math.min(
                            4,
                            concurrency.stream()
                                    .mapToInt(Integer::intValue)
                                    .max()
                                    .orElse(1)),
                    Duration.ofSeconds(warmup),
                    maxRequests);
        }
        List<Level> levels = new ArrayList<>();
        for (int c : concurrency) {
            System.err.printf(Locale.ROOT, "loadtest: concurrency %d for %d s%n", c, duration);
            Level l = gen.run(articles, c, Duration.ofSeconds(duration), maxRequests);
            levels.add(l);
            System.err.printf(
                    Locale.ROOT,
                    "loadtest: %d requests, %.1f paragraphs/s, p50 %.0f ms, 503s %d, other errors %s%n",
                    l.requests(),
                    l.throughput(),
                    l.percentileMs(0.5),
                    l.unavailable(),
                    l.otherErrors());
        }
        LoadTestReport.print(System.out, base, articles.size(), paragraphs, levels);
        return levels.stream().anyMatch(l -> l.otherErrorCount() > 0) ? Main.FAILURE : Main.OK;
    }

    /** Only http URLs whose host is a loopback address: this tool must never load anyone else's machine. */
    static URI checkTarget(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (!"http".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("--url must be an http:// URL with a host, e.g. http://127.0.0.1:8080");
        }
        if (!Hosts.isLoopback(u.getHost())) {
            throw new IllegalArgumentException(
                    "refusing to load-test " + u.getHost() + ": loopback addresses only (127.0.0.1, ::1, localhost)");
        }
        return u;
    }

    /** Articles of the split: paragraph rows grouped by article (in paragraph order), or one article per row. */
    static List<Article> articles(CsvTable table, String split) throws IOException {
        if (!table.has("text")) {
            throw new IllegalArgumentException(table.file() + ": no 'text' column");
        }
        boolean bySplit = table.has("split");
        List<CsvTable.Row> rows = table.rows().stream()
                .filter(r -> !bySplit || split.equals(r.get("split")))
                .filter(r -> !r.get("text").isBlank())
                .toList();
        // Paragraph rows: the corpus reader's grouping (a bad row stops the load test before it starts).
        Map<String, List<String>> byArticle = new LinkedHashMap<>();
        if (table.has("article_id") && table.has("paragraph")) {
            for (ParagraphRows.Group g : ParagraphRows.group(rows, "article_id", "paragraph", bad -> {
                throw bad.toException(table.file());
            })) {
                byArticle.put(
                        g.articleId(), g.rows().stream().map(r -> r.get("text")).toList());
            }
        } else {
            for (CsvTable.Row r : rows) {
                String id =
                        table.has("article_id") ? r.get("article_id") : table.has("id") ? r.get("id") : "row" + r.row();
                byArticle.computeIfAbsent(id, k -> new ArrayList<>()).add(r.get("text"));
            }
        }
        ObjectMapper m = new ObjectMapper();
        List<Article> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byArticle.entrySet()) {
            List<String> paras = new ArrayList<>();
            for (String t : e.getValue()) {
                paras.addAll(Arrays.stream(t.split("\\n\\s*\\n"))
                        .filter(s -> !s.isBlank())
                        .toList());
            }
            ObjectNode body = m.createObjectNode();
            body.put("id", e.getKey());
            body.put("text", String.join("\n\n", paras));
            out.add(new Article(e.getKey(), paras.size(), m.writeValueAsBytes(body)));
        }
        return out;
    }
}
