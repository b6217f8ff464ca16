package org.framescope.server;

import static org.framescope.server.FrameScopeServer.CLASSIFY;
import static org.framescope.server.FrameScopeServer.HEALTH;
import static org.framescope.server.FrameScopeServer.METRICS;
import static org.framescope.server.FrameScopeServer.MODEL;
import static org.framescope.server.FrameScopeServer.OPENAPI;
import static org.framescope.server.FrameScopeServer.READY;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.framescope.result.ArticleResult;

/**
 * The routes and what happens around each request (the API key, in-flight and latency metrics).
 * The server's state (loaded, draining) stays with {@link FrameScopeServer}; the handlers read it.
 */
final class Endpoints {

    /** Probes and the API description stay open when a key is required: they reveal nothing about the data. */
    private static final Set<String> OPEN_PATHS = Set.of(HEALTH, READY, OPENAPI);

    private static final String JSON = "application/json";
    private static final String T0 = "framescope.t0";

    private final FrameScopeServer server;
    private final ServerConfig config;
    private final ObjectMapper mapper;
    private final Metrics metrics;
    private final Access access;
    private final byte[] openApi;

    Endpoints(FrameScopeServer server, ServerConfig config, ObjectMapper mapper, Metrics metrics, byte[] openApi) {
        this.server = server;
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
        this.access = new Access(config.apiKey());
        this.openApi = openApi.clone();
    }

    void register(JavalinConfig cfg) {
        cfg.requestLogger.http(this::finished);
        cfg.routes.before(this::started);
        cfg.routes.post(CLASSIFY, this::classify);
        cfg.routes.get(MODEL, this::model);
        cfg.routes.get(HEALTH, ctx -> ctx.contentType(JSON).result("{\"status\":\"ok\"}"));
        cfg.routes.get(READY, this::readiness);
        cfg.routes.get(METRICS, ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.render()));
        cfg.routes.get(OPENAPI, ctx -> ctx.contentType(JSON).result(openApi));
    }

    // ---- request lifecycle -------------------------------------------------------------------

    private void started(Context ctx) {
        ctx.attribute(T0, System.nanoTime());
        metrics.inFlight.incrementAndGet();
        if (!OPEN_PATHS.contains(ctx.path()) && !access.allows(ctx.header("Authorization"))) {
            throw new ApiException(
                    401,
                    "missing or wrong API key: send 'Authorization: Bearer <key>'",
                    Map.of("WWW-Authenticate", "Bearer"));
        }
    }

    private void finished(Context ctx, Float ms) {
        Long t0 = ctx.attribute(T0);
        if (t0 != null) {
            metrics.inFlight.decrementAndGet();
        }
        double seconds = t0 == null ? ms / 1000.0 : (System.nanoTime() - t0) / 1e9;
        metrics.request(routeLabel(ctx.path()), ctx.method().name(), ctx.statusCode(), seconds);
    }

    private static String routeLabel(String path) {
        for (FrameScopeServer.Route r : FrameScopeServer.ROUTES) {
            if (r.path().equals(path)) {
                return path;
            }
        }
        return "unmatched";
    }

    // ---- endpoints ---------------------------------------------------------------------------

    private void readiness(Context ctx) {
        FrameScopeServer.Loaded l = server.loaded();
        if (server.draining()) {
            throw ApiException.unavailable("shutting down", 1);
        }
        if (l == null) {
            throw ApiException.unavailable("the model is loading", 5);
        }
        ctx.contentType(JSON).result("{\"status\":\"ready\"}");
    }

    private void model(Context ctx) {
        ctx.contentType(JSON).result(loadedOrThrow().modelInfo());
    }

    private FrameScopeServer.Loaded loadedOrThrow() {
        FrameScopeServer.Loaded l = server.loaded();
        if (server.draining()) {
            metrics.rejected("shutting_down");
            throw ApiException.unavailable("the server is shutting down", 1);
        }
        if (l == null) {
            metrics.rejected("not_ready");
            throw ApiException.unavailable("the model is loading; retry shortly", 5);
        }
        return l;
    }

    private void classify(Context ctx) {
        ClassifyRequest.requireJson(ctx.header("Content-Type"));
        FrameScopeServer.Loaded l = loadedOrThrow();
        ClassifyRequest req = ClassifyRequest.parse(body(ctx), config.maxArticles(), config.maxTextChars());
        InferenceQueue.Job job =
                l.queue().offer(req.articles(), req.batch(), req.options().explain());
        if (job == null) {
            metrics.rejected("overload");
            throw ApiException.unavailable(
                    "the server is busy (" + config.queueCapacity() + " requests queued); retry later", 1);
        }
        long timeout = config.requestTimeout().toMillis();
        // orTimeout completes the job's own future, so a worker that has not started it skips it.
        CompletableFuture<?> done = job.result
                .orTimeout(timeout, TimeUnit.MILLISECONDS)
                .handle((results, failure) -> {
                    if (failure == null) {
                        respond(ctx, req, results);
                        return null;
                    }
                    Throwable f = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (f instanceof TimeoutException) {
                        metrics.rejected("timeout");
                        throw ApiException.unavailable(
                                "the request timed out after " + timeout + " ms (queued or classifying); retry later",
                                1);
                    }
                    if (f instanceof ApiException ae) {
                        if (ae.status() == 503) {
                            metrics.rejected("shutting_down");
                        }
                        throw ae;
                    }
                    throw new CompletionException(f);
                });
        ctx.future(() -> done);
    }

    private void respond(Context ctx, ClassifyRequest req, List<ArticleResult> results) {
        try {
            ctx.status(200).contentType(JSON).result(mapper.writeValueAsBytes(ResponseShape.body(req, results)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bodies past the limit are still read, and dropped, up to this many bytes before the 413 goes out: a server that
     * answers and closes with bytes unread makes the kernel reset the connection, and a client still sending then
     * loses the answer. Past this, Jetty closes the connection (the client may see a reset, not a 413).
     */
    static final long DRAIN_BYTES = 16L << 20;

    /** Reads the body, refusing more than the limit before keeping any of it when the length is declared. */
    private byte[] body(Context ctx) {
        long max = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > max) {
                drain(in, Math.min(declared, DRAIN_BYTES));
                throw ApiException.tooLarge(
                        "request body is " + declared + " bytes, over the limit of " + max + " bytes");
            }
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                drain(in, DRAIN_BYTES);
                throw ApiException.tooLarge("request body is over the limit of " + max + " bytes");
            }
            return b;
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body");
        }
    }

    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = limit;
        int n;
        while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
            left -= n;
        }
    }
}
