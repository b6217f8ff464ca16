package org.framescope.server;

import java.time.Duration;

/**
 * How the service binds and what it accepts.
 *
 * @param host              address to bind; anything but loopback needs {@code apiKey}
 * @param port              0 picks a free port
 * @param apiKey            bearer token clients must send; null = none (allowed on loopback only)
 * @param maxBodyBytes      largest request body
 * @param maxArticles       most articles in one batch request
 * @param maxTextChars      longest article text, in characters
 * @param workers           inference threads (each runs the encoder; the network pass is serialised in the library)
 * @param queueCapacity     requests that may wait for a worker; beyond that the answer is 503 at once
 * @param batchChars        text (characters) a worker combines from queued requests into one library call
 * @param requestTimeout    longest a classify request may wait and run before it is answered 503
 * @param drainTimeout      longest shutdown waits for in-flight requests
 */
public record ServerConfig(
        String host,
        int port,
        String apiKey,
        long maxBodyBytes,
        int maxArticles,
        int maxTextChars,
        int workers,
        int queueCapacity,
        int batchChars,
        Duration requestTimeout,
        Duration drainTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        positive("max body bytes", maxBodyBytes);
        positive("max articles", maxArticles);
        positive("max text characters", maxTextChars);
        positive("workers", workers);
        positive("queue capacity", queueCapacity);
        positive("batch characters", batchChars);
        if (requestTimeout.isNegative() || requestTimeout.isZero() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    private static void positive(String what, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, not " + v);
        }
    }

    /**
     * Inference workers for this many cores: one per two cores, each encoder call then using two threads. Chosen by
     * measurement on 2 cores (README, HTTP service): one worker with both cores against two one-core workers gave 1.7x
     * the throughput at concurrency 1 (63.6 vs 37.4 paragraphs/s), 1.03x at 4 and 0.96x at 16, since queued
     * requests are batched into one call anyway. Machines with more cores were not measured.
     */
    public static int defaultWorkers(int cores) {
        return Math.max(1, cores / 2);
    }

    /** Loopback, a free port, no key, and limits sized for news articles on a small machine. */
    public static ServerConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerConfig(
                DEFAULT_HOST,
                0,
                null,
                4L << 20,
                64,
                200_000,
                defaultWorkers(cores),
                64,
                50_000,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    public ServerConfig withHost(String h) {
        return with(x -> x.host = h);
    }

    public ServerConfig withPort(int p) {
        return with(x -> x.port = p);
    }

    public ServerConfig withApiKey(String k) {
        return with(x -> x.apiKey = k);
    }

    public ServerConfig withLimits(long body, int articles, int textChars) {
        return with(x -> {
            x.maxBodyBytes = body;
            x.maxArticles = articles;
            x.maxTextChars = textChars;
        });
    }

    public ServerConfig withWorkers(int w, int queue) {
        return with(x -> {
            x.workers = w;
            x.queueCapacity = queue;
        });
    }

    public ServerConfig withBatchChars(int c) {
        return with(x -> x.batchChars = c);
    }

    public ServerConfig withTimeouts(Duration request, Duration drain) {
        return with(x -> {
            x.requestTimeout = request;
            x.drainTimeout = drain;
        });
    }

    /** Hides the key from logs and toString. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", apiKey=" + (apiKey == null ? "none" : "set")
                + ", maxBodyBytes=" + maxBodyBytes + ", maxArticles=" + maxArticles + ", maxTextChars=" + maxTextChars
                + ", workers=" + workers + ", queueCapacity=" + queueCapacity + ", batchChars=" + batchChars
                + ", requestTimeout=" + requestTimeout + ", drainTimeout=" + drainTimeout + "]";
    }

    /** Every copy-with-changes goes through here, so a new component is added in one constructor call. */
    private ServerConfig with(java.util.function.Consumer<Edit> change) {
        Edit e = new Edit(this);
        change.accept(e);
        return e.build();
    }

    /** The components of a copy being edited; {@link #build()} checks them as the constructor does. */
    private static final class Edit {
        private String host;
        private int port;
        private String apiKey;
        private long maxBodyBytes;
        private int maxArticles;
        private int maxTextChars;
        private int workers;
        private int queueCapacity;
        private int batchChars;
        private Duration requestTimeout;
        private Duration drainTimeout;

        Edit(ServerConfig c) {
            host = c.host;
            port = c.port;
            apiKey = c.apiKey;
            maxBodyBytes = c.maxBodyBytes;
            maxArticles = c.maxArticles;
            maxTextChars = c.maxTextChars;
            workers = c.workers;
            queueCapacity = c.queueCapacity;
            batchChars = c.batchChars;
            requestTimeout = c.requestTimeout;
            drainTimeout = c.drainTimeout;
        }

        ServerConfig build() {
            return new ServerConfig(
                    host,
                    port,
                    apiKey,
                    maxBodyBytes,
                    maxArticles,
                    maxTextChars,
                    workers,
                    queueCapacity,
                    batchChars,
                    requestTimeout,
                    drainTimeout);
        }
    }
}
