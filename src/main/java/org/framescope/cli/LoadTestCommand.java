package org.framescope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.framescope.io.CsvTable;
import org.framescope.util.Hosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code framescope loadtest}: closed-loop load against a running {@code framescope serve}, one level
 * of concurrency after another, printed as a Markdown table. Loopback targets only, and bounded:
 * every level stops at its duration or its request budget, whichever comes first.
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

    /** One article as the server receives it, with its paragraph count for throughput. */
    record Article(String id, int paragraphs, byte[] body) {}

    /** What one level measured. */
    record Level(
            int concurrency,
            long requests,
            long ok,
            long paragraphs,
            double seconds,
            long[] latencyNanos,
            long unavailable,
            Map<String, Long> otherErrors,
            Long peakRssBytes) {
        long otherErrorCount() {
            return otherErrors.values().stream().mapToLong(Long::longValue).sum();
        }

        double throughput() {
            return paragraphs / seconds;
        }

        double percentileMs(double q) {
            return percentile(latencyNanos, q) / 1e6;
        }
    }

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
        String key = apiKey();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI classify = base.resolve("/v1/classify");
        URI metrics = base.resolve("/metrics");
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
            run(
                    client,
                    classify,
                    metrics,
                    key,
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
            Level l = run(client, classify, metrics, key, articles, c, Duration.ofSeconds(duration), maxRequests);
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
        print(System.out, base, articles.size(), paragraphs, levels);
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
        boolean grouped = table.has("article_id");
        Map<String, TreeMap<Integer, String>> byArticle = new LinkedHashMap<>();
        int row = 0;
        for (CsvTable.Row r : table.rows()) {
            if (bySplit && !split.equals(r.get("split"))) {
                continue;
            }
            String text = r.get("text");
            if (text == null || text.isBlank()) {
                continue;
            }
            String id = grouped ? r.get("article_id") : (table.has("id") ? r.get("id") : "row" + r.row());
            int para = grouped && table.has("paragraph")
                    ? Integer.parseInt(r.get("paragraph").strip())
                    : row++;
            byArticle.computeIfAbsent(id, k -> new TreeMap<>()).put(para, text);
        }
        ObjectMapper m = new ObjectMapper();
        List<Article> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, String>> e : byArticle.entrySet()) {
            List<String> paras = new ArrayList<>();
            for (String t : e.getValue().values()) {
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

    private Level run(
            HttpClient client,
            URI classify,
            URI metrics,
            String key,
            List<Article> articles,
            int c,
            Duration length,
            long budget)
            throws Exception {
        Duration perRequest = Duration.ofSeconds(requestTimeout);
        AtomicLong issued = new AtomicLong();
        LongAdder ok = new LongAdder(), paragraphs = new LongAdder(), unavailable = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        // A 401 will not go away by retrying: stop every client at once rather than measure refusals.
        java.util.concurrent.atomic.AtomicBoolean unauthorized = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(c);
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        List<Future<long[]>> parts = new ArrayList<>();
        for (int t = 0; t < c; t++) {
            parts.add(pool.submit(() -> {
                long[] lat = new long[1024];
                int n = 0;
                long i;
                while (System.nanoTime() < deadline && !unauthorized.get() && (i = issued.getAndIncrement()) < budget) {
                    Article a = articles.get((int) (i % articles.size()));
                    HttpRequest.Builder rb = HttpRequest.newBuilder(classify)
                            .timeout(perRequest)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(a.body()));
                    if (key != null) {
                        rb.header("Authorization", "Bearer " + key);
                    }
                    long s = System.nanoTime();
                    try {
                        HttpResponse<byte[]> resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - s;
                        if (resp.statusCode() == 200) {
                            ok.increment();
                            paragraphs.add(a.paragraphs());
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = took;
                        } else if (resp.statusCode() == 401) {
                            unauthorized.set(true);
                        } else if (resp.statusCode() == 503) {
                            unavailable.increment();
                            Thread.sleep(50); // a closed loop must not spin on a server that is shedding load
                        } else {
                            errors.computeIfAbsent("HTTP " + resp.statusCode(), k -> new LongAdder())
                                    .increment();
                        }
                    } catch (IOException e) {
                        errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder())
                                .increment();
                    }
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : parts) {
            all.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (unauthorized.get()) {
            throw new IllegalArgumentException(classify + " answered 401 Unauthorized: "
                    + (key == null
                            ? "the server requires an API key; pass --api-key-file or set " + ServeCommand.KEY_ENV
                            : "the server refused the API key given (--api-key-file or " + ServeCommand.KEY_ENV + ")"));
        }
        long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Map<String, Long> err = new TreeMap<>();
        errors.forEach((k, v) -> err.put(k, v.sum()));
        long requests = ok.sum()
                + unavailable.sum()
                + err.values().stream().mapToLong(Long::longValue).sum();
        return new Level(
                c,
                requests,
                ok.sum(),
                paragraphs.sum(),
                seconds,
                lat,
                unavailable.sum(),
                err,
                peakRss(client, metrics, key));
    }

    /** The server's peak RSS from its /metrics; null when it cannot be read. */
    private static Long peakRss(HttpClient client, URI metrics, String key) {
        try {
            HttpRequest.Builder rb = HttpRequest.newBuilder(metrics)
                    .timeout(Duration.ofSeconds(10))
                    .GET();
            if (key != null) {
                rb.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> r =
                    client.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                return null;
            }
            for (String line : r.body().split("\n")) {
                if (line.startsWith("framescope_process_peak_resident_memory_bytes ")) {
                    return (long) Double.parseDouble(
                            line.substring(line.indexOf(' ') + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

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

    private String apiKey() throws IOException {
        return ServeCommand.apiKey(apiKeyFile);
    }
}
