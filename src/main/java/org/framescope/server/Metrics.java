package org.framescope.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.framescope.util.ProcStatus;

/**
 * Counters, gauges and latency histograms of one server, exposed in the Prometheus text format
 * (0.0.4) through Prometheus' Java client. Each server has a registry of its own, not the client's
 * global default, so several servers in one JVM (the tests) do not share or collide on series.
 * Label values are route templates and status codes only, so the series count stays bounded.
 */
final class Metrics {

    static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    /** The text format Prometheus scrapes; {@code _created} series are left out, as before the client. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.builder()
            .setIncludeCreatedTimestamps(false)
            .build();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    final AtomicInteger inFlight = new AtomicInteger();

    private final Counter requests = counter(
            "framescope_http_requests_total",
            "HTTP requests answered, by route template, method and status.",
            "route",
            "method",
            "status");
    private final Counter errors = counter(
            "framescope_http_request_errors_total",
            "HTTP requests answered with a 4xx or 5xx status, by route template and status.",
            "route",
            "status");
    private final Histogram latency = Histogram.builder()
            .name("framescope_http_request_duration_seconds")
            .help("Time from request start to the response, by route template.")
            .labelNames("route")
            .classicOnly()
            .classicUpperBounds(LATENCY_BUCKETS)
            .register(registry);
    private final Counter rejected = counter(
            "framescope_rejected_requests_total",
            "Classify requests answered 503, by reason (overload, timeout, not_ready, shutting_down).",
            "reason");
    private final Counter batches = counter(
            "framescope_inference_batches_total",
            "Library calls made by the workers (each may combine several requests).");
    private final Counter cancelled = counter(
            "framescope_cancelled_batches_total",
            "Library calls abandoned midway because every request in them had timed out.");
    private final Counter cancelledSeconds = counter(
            "framescope_cancelled_seconds_total", "Time the workers spent on those calls before abandoning them.");
    private final Counter batchedRequests =
            counter("framescope_inference_requests_total", "Requests served through those calls.");
    private final Counter articles = counter("framescope_classified_articles_total", "Articles classified.");
    private final Counter paragraphs = counter("framescope_classified_paragraphs_total", "Paragraphs classified.");
    private final Counter inferenceSeconds =
            counter("framescope_inference_seconds_total", "Time the workers spent in the library.");

    Metrics() {
        for (String reason : new String[] {"overload", "timeout", "not_ready", "shutting_down"}) {
            rejected.initLabelValues(reason); // every reason is a series from the start, at 0
        }
        gauge("framescope_http_requests_in_flight", "HTTP requests being handled now.", inFlight::get);
        gauge(
                "process_resident_memory_bytes",
                "Resident memory of the server process.",
                () -> procStatusKb("VmRSS:") * 1024.0);
        gauge(
                "framescope_process_peak_resident_memory_bytes",
                "Peak resident memory of the server process since it started.",
                () -> procStatusKb("VmHWM:") * 1024.0);
        gauge("jvm_heap_used_bytes", "JVM heap in use.", () -> {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        });
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    void request(String route, String method, int status, double seconds) {
        String code = Integer.toString(status);
        requests.labelValues(route, method, code).inc();
        if (status >= 400) {
            errors.labelValues(route, code).inc();
        }
        latency.labelValues(route).observe(seconds);
    }

    void rejected(String reason) {
        rejected.labelValues(reason).inc();
    }

    /** A worker gave up a batch whose requests had all timed out, after {@code nanos} of work. */
    void cancelled(long nanos) {
        cancelled.inc();
        cancelledSeconds.inc(nanos / 1e9);
    }

    void batch(int requestCount, int articleCount, int paragraphCount, long nanos) {
        batches.inc();
        batchedRequests.inc(requestCount);
        articles.inc(articleCount);
        paragraphs.inc(paragraphCount);
        inferenceSeconds.inc(nanos / 1e9);
    }

    /** A value read when /metrics is scraped (queue depth, readiness...). */
    void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    String render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            WRITER.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A field of /proc/self/status in kB; 0 where there is none (not Linux). */
    /** A /proc/self/status field in kB, 0 where unavailable (a gauge must give a number). */
    static long procStatusKb(String field) {
        return Math.max(0, ProcStatus.kb(field));
    }
}
