package org.framescope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.framescope.FrameScope;
import org.framescope.result.ArticleInput;
import org.framescope.result.ArticleResult;
import org.framescope.util.Hosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Readiness, overload, timeouts, graceful shutdown and the API key, with a classifier the test can
 * hold: each call waits for a permit, so requests stay in flight exactly as long as the test wants.
 */
class ServerLoadSheddingTest {

    static FrameScope fs;

    /** The library's classifier behind a gate: calls block until the test releases permits. */
    static final class Gate implements Classifier {
        final Semaphore permits = new Semaphore(0);
        final AtomicInteger entered = new AtomicInteger();
        final AtomicInteger articles = new AtomicInteger();

        @Override
        public List<ArticleResult> classify(
                List<ArticleInput> in, boolean explain, java.util.function.BooleanSupplier cancelled) {
            entered.incrementAndGet();
            permits.acquireUninterruptibly();
            articles.addAndGet(in.size());
            return fs.classifyArticles(in, cancelled);
        }

        void awaitEntered(int n) {
            await(n + " calls inside the classifier", () -> entered.get() >= n);
        }
    }

    /**
     * Waits for a condition the server reaches on its own threads (a gauge, a queue depth), failing
     * after 10 s: a condition, not a sleep, so the test takes as long as the server does and no longer.
     */
    static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waiting for " + what).isNegative();
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
    }

    @BeforeAll
    static void model() {
        fs = FrameScope.open(TinyModel.bundle(), FrameScope.Options.defaults(), null);
    }

    @AfterAll
    static void close() {
        fs.close();
    }

    static String one(String text) {
        return ServerTest.one("g", text);
    }

    static final String TEXT = TinyModel.texts(1, 5).get(0);

    @Test
    void notReadyUntilTheModelIsLoaded() {
        try (FrameScopeServer s = FrameScopeServer.start(ServerConfig.defaults())) {
            Http http = new Http(s.port());
            assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> r = http.get("/readyz");
            ServerTest.assertError(r, 503, "the model is loading");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
            ServerTest.assertError(http.post("/v1/classify", one(TEXT)), 503, "the model is loading");
            ServerTest.assertError(http.get("/v1/model"), 503, "the model is loading");
            s.ready(fs);
            assertThat(http.get("/readyz").statusCode()).isEqualTo(200);
            assertThat(http.post("/v1/classify", one(TEXT)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void fullQueueAnswers503WithRetryAfterAtOnce() throws Exception {
        Gate gate = new Gate();
        try (FrameScopeServer s = FrameScopeServer.start(ServerConfig.defaults().withWorkers(1, 2))) {
            s.ready(fs, gate);
            Http http = new Http(s.port());
            CompletableFuture<HttpResponse<String>> first =
                    CompletableFuture.supplyAsync(() -> http.post("/v1/classify", one(TEXT)));
            gate.awaitEntered(1);
            List<CompletableFuture<HttpResponse<String>>> queued = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                queued.add(CompletableFuture.supplyAsync(() -> http.post("/v1/classify", one(TEXT))));
            }
            await("two queued requests", () -> PromText.value(s.metrics().render(), "framescope_queue_depth") == 2);
            // Answered while the gate still holds the worker: refused at once, not after waiting for it.
            HttpResponse<String> refused = http.post("/v1/classify", one(TEXT));
            ServerTest.assertError(refused, 503, "the server is busy (2 requests queued)");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            gate.permits.release(100);
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            for (var q : queued) {
                assertThat(q.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            // The two queued requests were served together: one library call for both.
            assertThat(gate.entered.get()).isEqualTo(2);
            assertThat(PromText.value(s.metrics().render(), "framescope_rejected_requests_total", "reason", "overload"))
                    .isEqualTo(1);
        }
    }

    @Test
    void slowRequestTimesOutWith503AndIsSkippedIfNotStarted() throws Exception {
        Gate gate = new Gate();
        ServerConfig cfg =
                ServerConfig.defaults().withWorkers(1, 4).withTimeouts(Duration.ofMillis(400), Duration.ofSeconds(5));
        try (FrameScopeServer s = FrameScopeServer.start(cfg)) {
            s.ready(fs, gate);
            Http http = new Http(s.port());
            CompletableFuture<HttpResponse<String>> running =
                    CompletableFuture.supplyAsync(() -> http.post("/v1/classify", one(TEXT)));
            gate.awaitEntered(1);
            HttpResponse<String> queued = http.post(
                    "/v1/classify", ServerTest.one("q", "Queued article that will time out before a worker takes it."));
            ServerTest.assertError(queued, 503, "the request timed out after 400 ms");
            assertThat(queued.headers().firstValue("Retry-After")).isPresent();
            ServerTest.assertError(running.get(10, TimeUnit.SECONDS), 503, "timed out");
            gate.permits.release(100);
            // The worker finishes the running call, then skips the timed-out queued request.
            await(
                    "the queue drained and the worker idle",
                    () -> gate.articles.get() >= 1
                            && PromText.value(s.metrics().render(), "framescope_queue_depth") == 0
                            && PromText.value(s.metrics().render(), "framescope_workers_busy") == 0);
            assertThat(gate.entered.get()).isEqualTo(1);
            assertThat(gate.articles.get()).isEqualTo(1);
            assertThat(PromText.value(s.metrics().render(), "framescope_rejected_requests_total", "reason", "timeout"))
                    .isEqualTo(2);
            assertThat(http.post("/v1/classify", one(TEXT)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTimedOutRequestStopsUsingItsWorker() throws Exception {
        CountDownLatch gaveUp = new CountDownLatch(1);
        // Stands in for a long article: works in small steps, as the encoder does between batches.
        Classifier slow = (in, explain, cancelled) -> {
            if (in.stream().anyMatch(a -> a.text().contains("SLOW"))) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < end) {
                    if (cancelled.getAsBoolean()) {
                        gaveUp.countDown();
                        throw new java.util.concurrent.CancellationException("cancelled");
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
            }
            return fs.classifyArticles(in, cancelled);
        };
        ServerConfig cfg =
                ServerConfig.defaults().withWorkers(1, 4).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5));
        try (FrameScopeServer s = FrameScopeServer.start(cfg)) {
            s.ready(fs, slow);
            Http http = new Http(s.port());
            ServerTest.assertError(http.post("/v1/classify", one("SLOW " + TEXT)), 503, "timed out after 300 ms");
            assertThat(gaveUp.await(2, TimeUnit.SECONDS))
                    .as("the worker gave up the timed-out work")
                    .isTrue();
            assertThat(http.post("/v1/classify", one(TEXT)).statusCode())
                    .isEqualTo(200); // the one worker is free again
            String m = s.metrics().render();
            assertThat(PromText.value(m, "framescope_cancelled_batches_total")).isEqualTo(1);
            assertThat(PromText.value(m, "framescope_cancelled_seconds_total")).isPositive();
        }
    }

    @Test
    void stopLetsInFlightRequestsFinishAndRefusesNewOnes() throws Exception {
        Gate gate = new Gate();
        FrameScopeServer s = FrameScopeServer.start(ServerConfig.defaults().withWorkers(1, 4));
        s.ready(fs, gate);
        Http http = new Http(s.port());
        assertThat(http.get("/readyz").statusCode()).isEqualTo(200); // opens a keep-alive connection
        CompletableFuture<HttpResponse<String>> inFlight =
                CompletableFuture.supplyAsync(() -> http.post("/v1/classify", one(TEXT)));
        gate.awaitEntered(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            s.stop();
            stopped.countDown();
        });
        stopper.start();
        await("readiness to turn off", () -> !s.isReady());
        // New requests are refused (503, or the connection is refused) while the old one is held.
        int status;
        try {
            status = http.post("/v1/classify", one(TEXT)).statusCode();
        } catch (RuntimeException e) {
            status = -1;
        }
        assertThat(status).isIn(503, -1);
        assertThat(stopped.getCount())
                .as("stop waits for the request in flight")
                .isEqualTo(1);
        gate.permits.release(100);
        HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.json(r)).isEqualTo(Http.MAPPER.valueToTree(fs.classify("g", TEXT)));
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> http.get("/healthz")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void apiKeyIsRequiredWhenConfigured() {
        String key = "k3y-0123456789abcdef";
        try (FrameScopeServer s = FrameScopeServer.start(ServerConfig.defaults().withApiKey(key))) {
            s.ready(fs);
            Http anon = new Http(s.port());
            HttpResponse<String> r = anon.post("/v1/classify", one(TEXT));
            ServerTest.assertError(r, 401, "missing or wrong API key");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            ServerTest.assertError(anon.withKey("wrong-key-0123456789").get("/v1/model"), 401, "API key");
            ServerTest.assertError(anon.get("/metrics"), 401, "API key");
            // Probes and the API description stay open.
            assertThat(anon.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(anon.get("/readyz").statusCode()).isEqualTo(200);
            assertThat(anon.get("/openapi.json").statusCode()).isEqualTo(200);
            Http auth = anon.withKey(key);
            assertThat(auth.post("/v1/classify", one(TEXT)).statusCode()).isEqualTo(200);
            assertThat(auth.get("/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesANonLoopbackAddressWithoutAKeyOrWithAWeakOne() {
        assertThatThrownBy(() -> FrameScopeServer.start(ServerConfig.defaults().withHost("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0 without an API key");
        assertThatThrownBy(() -> FrameScopeServer.start(ServerConfig.defaults().withApiKey("short")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than 16");
        assertThat(Hosts.isLoopback("127.0.0.1")).isTrue();
        assertThat(Hosts.isLoopback("::1")).isTrue();
        assertThat(Hosts.isLoopback("localhost")).isTrue();
        assertThat(Hosts.isLoopback("0.0.0.0")).isFalse();
        assertThat(Hosts.isLoopback("192.0.2.7")).isFalse();
    }

    @Test
    void inFlightGaugeReturnsToZeroAfterEveryKindOfAnswer() throws Exception {
        try (FrameScopeServer s = FrameScopeServer.start(
                ServerConfig.defaults().withApiKey("k3y-0123456789abcdef").withLimits(1000, 2, 100))) {
            Http anon = new Http(s.port());
            Http http = anon.withKey("k3y-0123456789abcdef");
            anon.get("/v1/model"); // 401
            http.get("/v1/model"); // 503 not ready
            s.ready(fs);
            http.get("/nowhere"); // 404
            http.get("/v1/classify"); // 405
            http.post("/v1/classify", "{"); // 400
            http.post("/v1/classify", "x".repeat(2000)); // 413
            http.post("/v1/classify", one(TEXT.substring(0, 90))); // 200
            await("every request to finish", () -> s.metrics().inFlight.get() == 0);
        }
    }
}
