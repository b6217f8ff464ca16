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
                Math.max(1, cores),
                64,
                50_000,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(
                h,
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

    public ServerConfig withPort(int p) {
        return new ServerConfig(
                host,
                p,
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

    public ServerConfig withApiKey(String k) {
        return new ServerConfig(
                host,
                port,
                k,
                maxBodyBytes,
                maxArticles,
                maxTextChars,
                workers,
                queueCapacity,
                batchChars,
                requestTimeout,
                drainTimeout);
    }

    public ServerConfig withLimits(long body, int articles, int textChars) {
        return new ServerConfig(
                host,
                port,
                apiKey,
                body,
                articles,
                textChars,
                workers,
                queueCapacity,
                batchChars,
                requestTimeout,
                drainTimeout);
    }

    public ServerConfig withWorkers(int w, int queue) {
        return new ServerConfig(
                host,
                port,
                apiKey,
                maxBodyBytes,
                maxArticles,
                maxTextChars,
                w,
                queue,
                batchChars,
                requestTimeout,
                drainTimeout);
    }

    public ServerConfig withBatchChars(int c) {
        return new ServerConfig(
                host,
                port,
                apiKey,
                maxBodyBytes,
                maxArticles,
                maxTextChars,
                workers,
                queueCapacity,
                c,
                requestTimeout,
                drainTimeout);
    }

    public ServerConfig withTimeouts(Duration request, Duration drain) {
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
                request,
                drain);
    }

    /** Hides the key from logs and toString. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", apiKey=" + (apiKey == null ? "none" : "set")
                + ", maxBodyBytes=" + maxBodyBytes + ", maxArticles=" + maxArticles + ", maxTextChars=" + maxTextChars
                + ", workers=" + workers + ", queueCapacity=" + queueCapacity + ", batchChars=" + batchChars
                + ", requestTimeout=" + requestTimeout + ", drainTimeout=" + drainTimeout + "]";
    }
}
