package org.framescope.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Counters, gauges and latency histograms, rendered in the Prometheus text format (0.0.4). Hand-made
 * rather than a metrics library: a dozen series do not justify another dependency tree.
 * Label values are route templates and status codes only, so the series count stays bounded.
 */
final class Metrics {

    static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    /** One histogram: cumulative-on-render bucket counts, a sum and a count. */
    static final class Histogram {
        final LongAdder[] buckets = new LongAdder[LATENCY_BUCKETS.length];
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
                if (seconds <= LATENCY_BUCKETS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            sum.add(seconds);
            count.increment();
        }
    }

    private record RequestKey(String route, String method, int status) {
    }

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder batches = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder cancelledSeconds = new LongAdder(); // in microseconds
    private final LongAdder batchedRequests = new LongAdder();
    private final LongAdder articles = new LongAdder();
    private final LongAdder paragraphs = new LongAdder();
    private final DoubleAdder inferenceSeconds = new DoubleAdder();
    private record Gauge(String help, DoubleSupplier value) {
    }

    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    void request(String route, String method, int status, double seconds) {
        requests.computeIfAbsent(new RequestKey(route, method, status), k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, k -> new Histogram()).observe(seconds);
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** A worker gave up a batch whose requests had all timed out, after {@code nanos} of work. */
    void cancelled(long nanos) {
        cancelled.increment();
        cancelledSeconds.add(nanos / 1000);
    }

    void batch(int requestCount, int articleCount, int paragraphCount, long nanos) {
        batches.increment();
        batchedRequests.add(requestCount);
        articles.add(articleCount);
        paragraphs.add(paragraphCount);
        inferenceSeconds.add(nanos / 1e9);
    }

    /** A value read when /metrics is scraped (queue depth, readiness...). */
    void gauge(String name, String help, DoubleSupplier value) {
        gauges.put(name, new Gauge(help, value));
    }

    String render() {
        StringBuilder sb = new StringBuilder(4096);
        head(sb, "framescope_http_requests_total", "counter", "HTTP requests answered, by route template, method and status.");
        new TreeMap<String, Long>(requests.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> "{route=\"" + esc(e.getKey().route()) + "\",method=\"" + e.getKey().method() + "\",status=\"" + e.getKey().status() + "\"}",
                e -> e.getValue().sum()))).forEach((k, v) -> sb.append("framescope_http_requests_total").append(k).append(' ').append(v).append('\n'));

        head(sb, "framescope_http_request_errors_total", "counter", "HTTP requests answered with a 4xx or 5xx status, by route template and status.");
        Map<String, Long> errors = new TreeMap<>();
        requests.forEach((k, v) -> {
            if (k.status() >= 400) {
                errors.merge("{route=\"" + esc(k.route()) + "\",status=\"" + k.status() + "\"}", v.sum(), Long::sum);
            }
        });
        errors.forEach((k, v) -> sb.append("framescope_http_request_errors_total").append(k).append(' ').append(v).append('\n'));

        head(sb, "framescope_http_request_duration_seconds", "histogram", "Time from request start to the response, by route template.");
        new TreeMap<>(latency).forEach((route, h) -> {
            long cum = 0;
            for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
                cum += h.buckets[i].sum();
                sb.append("framescope_http_request_duration_seconds_bucket{route=\"").append(esc(route)).append("\",le=\"")
                        .append(num(LATENCY_BUCKETS[i])).append("\"} ").append(cum).append('\n');
            }
            sb.append("framescope_http_request_duration_seconds_bucket{route=\"").append(esc(route)).append("\",le=\"+Inf\"} ")
                    .append(h.count.sum()).append('\n');
            sb.append("framescope_http_request_duration_seconds_sum{route=\"").append(esc(route)).append("\"} ").append(num(h.sum.sum())).append('\n');
            sb.append("framescope_http_request_duration_seconds_count{route=\"").append(esc(route)).append("\"} ").append(h.count.sum()).append('\n');
        });

        gauge(sb, "framescope_http_requests_in_flight", "HTTP requests being handled now.", inFlight.get());

        head(sb, "framescope_rejected_requests_total", "counter", "Classify requests answered 503, by reason (overload, timeout, not_ready, shutting_down).");
        for (String reason : new String[]{"overload", "timeout", "not_ready", "shutting_down"}) {
            LongAdder a = rejected.get(reason);
            sb.append("framescope_rejected_requests_total{reason=\"").append(reason).append("\"} ").append(a == null ? 0 : a.sum()).append('\n');
        }

        counter(sb, "framescope_inference_batches_total", "Library calls made by the workers (each may combine several requests).", batches.sum());
        counter(sb, "framescope_cancelled_batches_total", "Library calls abandoned midway because every request in them had timed out.", cancelled.sum());
        head(sb, "framescope_cancelled_seconds_total", "counter", "Time the workers spent on those calls before abandoning them.");
        sb.append("framescope_cancelled_seconds_total ").append(num(cancelledSeconds.sum() / 1e6)).append('\n');
        counter(sb, "framescope_inference_requests_total", "Requests served through those calls.", batchedRequests.sum());
        counter(sb, "framescope_classified_articles_total", "Articles classified.", articles.sum());
        counter(sb, "framescope_classified_paragraphs_total", "Paragraphs classified.", paragraphs.sum());
        head(sb, "framescope_inference_seconds_total", "counter", "Time the workers spent in the library.");
        sb.append("framescope_inference_seconds_total ").append(num(inferenceSeconds.sum())).append('\n');

        new TreeMap<>(gauges).forEach((name, g) -> gauge(sb, name, g.help(), g.value().getAsDouble()));

        gauge(sb, "process_resident_memory_bytes", "Resident memory of the server process.", procStatusKb("VmRSS:") * 1024.0);
        gauge(sb, "framescope_process_peak_resident_memory_bytes", "Peak resident memory of the server process since it started.", procStatusKb("VmHWM:") * 1024.0);
        Runtime rt = Runtime.getRuntime();
        gauge(sb, "jvm_heap_used_bytes", "JVM heap in use.", rt.totalMemory() - rt.freeMemory());
        return sb.toString();
    }

    private static void head(StringBuilder sb, String name, String type, String help) {
        if (help != null) {
            sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        }
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void counter(StringBuilder sb, String name, String help, long v) {
        head(sb, name, "counter", help);
        sb.append(name).append(' ').append(v).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, double v) {
        head(sb, name, "gauge", help);
        sb.append(name).append(' ').append(num(v)).append('\n');
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A field of /proc/self/status in kB; 0 where there is none (not Linux). */
    static long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }
}
