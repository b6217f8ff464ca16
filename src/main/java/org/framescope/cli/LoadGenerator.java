package org.framescope.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator of {@code framescope loadtest}: closed-loop HTTP clients against one server's
 * classify endpoint, measuring latencies, throughput, 503s and other errors per concurrency level.
 * {@link LoadTestCommand} checks the options and the target; {@link LoadTestReport} prints.
 */
final class LoadGenerator {

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

    private final HttpClient client;
    private final URI classify;
    private final URI metrics;
    private final String key;
    private final Duration perRequest;

    LoadGenerator(HttpClient client, URI classify, URI metrics, String key, Duration perRequest) {
        this.client = client;
        this.classify = classify;
        this.metrics = metrics;
        this.key = key;
        this.perRequest = perRequest;
    }

    /**
     * Runs one level: {@code c} clients in a closed loop, each sending the next article as soon as
     * its previous answer came, until {@code length} has passed or {@code budget} requests were sent.
     */
    Level run(List<Article> articles, int c, Duration length, long budget) throws Exception {
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
}
