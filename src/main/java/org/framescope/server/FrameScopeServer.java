package org.framescope.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.framescope.ArticleResult;
import org.framescope.FrameScope;
import org.framescope.ParagraphResult;
import org.framescope.TaskResult;
import org.framescope.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP service: a thin adapter from JSON over HTTP to {@link FrameScope}. It starts before the
 * model is loaded ({@code /readyz} answers 503 until {@link #ready} is called), queues classify
 * requests in a bounded {@link InferenceQueue}, and stops gracefully: in-flight requests finish,
 * new ones are refused.
 */
public final class FrameScopeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameScopeServer.class);

    public static final String CLASSIFY = "/v1/classify";
    public static final String MODEL = "/v1/model";
    public static final String HEALTH = "/healthz";
    public static final String READY = "/readyz";
    public static final String METRICS = "/metrics";
    public static final String OPENAPI = "/openapi.json";

    /** A served method and path; the OpenAPI test checks the description against this list. */
    public record Route(String method, String path) {
    }

    public static final List<Route> ROUTES = List.of(new Route("POST", CLASSIFY), new Route("GET", MODEL),
            new Route("GET", HEALTH), new Route("GET", READY), new Route("GET", METRICS), new Route("GET", OPENAPI));

    /** Probes and the API description stay open when a key is required: they reveal nothing about the data. */
    private static final Set<String> OPEN_PATHS = Set.of(HEALTH, READY, OPENAPI);
    private static final String JSON = "application/json";
    private static final String T0 = "framescope.t0";

    /** What exists once the model is loaded. */
    private record Loaded(FrameScope fs, InferenceQueue queue, byte[] modelInfo) {
    }

    private final ServerConfig config;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Metrics metrics = new Metrics();
    private final Access access;
    private final byte[] openApi;
    private final Javalin app;
    private volatile Loaded loaded;
    private volatile boolean draining;
    private volatile boolean stopped;

    private FrameScopeServer(ServerConfig config) {
        Access.check(config);
        this.config = config;
        this.access = new Access(config.apiKey());
        this.openApi = openApi(config, mapper);
        metrics.gauge("framescope_model_ready", "1 once the model is loaded and the service is not shutting down.",
                () -> isReady() ? 1 : 0);
        metrics.gauge("framescope_queue_depth", "Classify requests waiting for a worker.",
                () -> loaded == null ? 0 : loaded.queue().depth());
        metrics.gauge("framescope_queue_capacity", "Classify requests that may wait before the service answers 503.",
                config::queueCapacity);
        metrics.gauge("framescope_workers_busy", "Workers classifying now.", () -> loaded == null ? 0 : loaded.queue().busyWorkers());
        metrics.gauge("framescope_workers", "Inference workers.", config::workers);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.http.prefer405over404 = true;
            // Exact paths only: one spelling per endpoint keeps auth, metrics labels and the OpenAPI description simple.
            cfg.router.ignoreTrailingSlashes = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            // A backstop only: classify requests time out on their own, earlier, with a clear message.
            cfg.http.asyncTimeout = config.requestTimeout().toMillis() + 10_000;
            cfg.jetty.timeoutStatus = 503;
            cfg.jetty.modifyServer(server -> {
                // Graceful stop: connectors stop accepting, GracefulHandler waits for requests in flight.
                server.setStopTimeout(config.drainTimeout().toMillis());
                GracefulHandler graceful = new GracefulHandler();
                // Idle keep-alive connections are closed this soon once stopping starts (Jetty's default is 1 s).
                graceful.setShutdownIdleTimeout(200);
                server.insertHandler(graceful);
                server.setErrorHandler(new JsonErrorHandler());
            });
            cfg.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new JsonErrorHandler()));
            cfg.requestLogger.http(this::finished);
            cfg.routes.before(this::started);
            cfg.routes.post(CLASSIFY, this::classify);
            cfg.routes.get(MODEL, this::model);
            cfg.routes.get(HEALTH, ctx -> ctx.contentType(JSON).result("{\"status\":\"ok\"}"));
            cfg.routes.get(READY, this::readiness);
            cfg.routes.get(METRICS, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
            cfg.routes.get(OPENAPI, ctx -> ctx.contentType(JSON).result(openApi));
            cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.headers()));
            cfg.routes.exception(HttpResponseException.class, this::javalinError);
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; see the server log", Map.of());
            });
            cfg.routes.error(404, ctx -> {
                if (!isJson(ctx)) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + shorten(ctx.path()), Map.of());
                }
            });
            cfg.routes.error(405, ctx -> {
                if (!isJson(ctx)) {
                    methodNotAllowed(ctx);
                }
            });
        });
    }

    /** Validates the configuration (refusing a non-loopback address without a key) and starts listening. */
    public static FrameScopeServer start(ServerConfig config) {
        FrameScopeServer s = new FrameScopeServer(config);
        s.app.start(config.host(), config.port());
        LOG.info("listening on http://{}:{} ({} workers, queue {}, key {})", config.host(), s.port(), config.workers(),
                config.queueCapacity(), config.apiKey() == null ? "not required" : "required");
        return s;
    }

    public int port() {
        return app.port();
    }

    public ServerConfig config() {
        return config;
    }

    /** Starts serving classify requests with this model. The caller keeps ownership of {@code fs}. */
    public void ready(FrameScope fs) {
        ready(fs, (articles, explain, cancelled) -> explain ? fs.explainArticles(articles, cancelled) : fs.classifyArticles(articles, cancelled));
    }

    /** As {@link #ready(FrameScope)}, with the classification call replaced (tests hold requests in flight with it). */
    void ready(FrameScope fs, Classifier classifier) {
        if (loaded != null) {
            throw new IllegalStateException("the model is already loaded");
        }
        byte[] info;
        try {
            info = mapper.writeValueAsBytes(ModelInfo.of(fs.manifest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loaded = new Loaded(fs, new InferenceQueue(classifier, config.workers(), config.queueCapacity(), config.batchChars(), metrics), info);
        LOG.info("ready: model {}", fs.manifest().name());
    }

    public boolean isReady() {
        return loaded != null && !draining;
    }

    /**
     * Graceful stop: readiness turns 503 and new classify requests are refused at once, requests in
     * flight finish (up to the drain timeout), then the listener closes and the workers end.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        draining = true;
        long deadline = System.currentTimeMillis() + config.drainTimeout().toMillis();
        LOG.info("stopping: finishing requests in flight (up to {} s)", config.drainTimeout().toSeconds());
        app.stop();
        Loaded l = loaded;
        if (l != null) {
            // One drain budget for both steps: what Jetty's graceful stop used is not granted again.
            l.queue().close(Math.max(0, deadline - System.currentTimeMillis()));
        }
        stopped = true;
        LOG.info("stopped");
    }

    @Override
    public void close() {
        stop();
    }

    Metrics metrics() {
        return metrics;
    }

    // ---- request lifecycle -------------------------------------------------------------------

    private void started(Context ctx) {
        ctx.attribute(T0, System.nanoTime());
        metrics.inFlight.incrementAndGet();
        if (!OPEN_PATHS.contains(ctx.path()) && !access.allows(ctx.header("Authorization"))) {
            throw new ApiException(401, "missing or wrong API key: send 'Authorization: Bearer <key>'",
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
        for (Route r : ROUTES) {
            if (r.path().equals(path)) {
                return path;
            }
        }
        return "unmatched";
    }

    // ---- endpoints ---------------------------------------------------------------------------

    private void readiness(Context ctx) {
        Loaded l = loaded;
        if (draining) {
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

    private Loaded loadedOrThrow() {
        Loaded l = loaded;
        if (draining) {
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
        Loaded l = loadedOrThrow();
        ClassifyRequest req = ClassifyRequest.parse(body(ctx), config.maxArticles(), config.maxTextChars());
        InferenceQueue.Job job = l.queue().offer(req.articles(), req.batch(), req.options().explain());
        if (job == null) {
            metrics.rejected("overload");
            throw ApiException.unavailable("the server is busy (" + config.queueCapacity() + " requests queued); retry later", 1);
        }
        long timeout = config.requestTimeout().toMillis();
        // orTimeout completes the job's own future, so a worker that has not started it skips it.
        CompletableFuture<?> done = job.result.orTimeout(timeout, TimeUnit.MILLISECONDS).handle((results, failure) -> {
            if (failure == null) {
                respond(ctx, req, results);
                return null;
            }
            Throwable f = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (f instanceof TimeoutException) {
                metrics.rejected("timeout");
                throw ApiException.unavailable("the request timed out after " + timeout + " ms (queued or classifying); retry later", 1);
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
        List<ArticleResult> shaped = results.stream().map(r -> shape(r, req.options())).toList();
        try {
            Object body = req.batch() ? new BatchResponse(shaped) : shaped.get(0);
            ctx.status(200).contentType(JSON).result(mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer to a batch: one result per article, in request order. */
    public record BatchResponse(List<ArticleResult> results) {
    }

    /** Applies the response options; with the defaults the result is exactly the library's. */
    static ArticleResult shape(ArticleResult r, ClassifyRequest.Options o) {
        if (o.paragraphs() && o.allScores()) {
            return r;
        }
        List<ParagraphResult> paras = new ArrayList<>();
        if (o.paragraphs()) {
            for (ParagraphResult p : r.paragraphs()) {
                paras.add(o.allScores() ? p : new ParagraphResult(p.index(), p.text(), p.title(), predictedOnly(p.tasks())));
            }
        }
        Map<String, TaskResult> tasks = o.allScores() ? r.tasks() : predictedOnly(r.tasks());
        return new ArticleResult(r.id(), r.language(), tasks, paras, r.evidence(), r.droppedLines(), r.explanations());
    }

    private static Map<String, TaskResult> predictedOnly(Map<String, TaskResult> tasks) {
        Map<String, TaskResult> out = new LinkedHashMap<>();
        tasks.forEach((name, t) -> {
            Map<String, Double> scores = new LinkedHashMap<>();
            t.scores().forEach((label, v) -> {
                if (t.labels().contains(label)) {
                    scores.put(label, v);
                }
            });
            out.put(name, new TaskResult(t.task(), t.labels(), scores));
        });
        return out;
    }

    /** Reads the body, refusing more than the limit before reading it all when the length is declared. */
    private byte[] body(Context ctx) {
        long max = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw ApiException.tooLarge("request body is " + declared + " bytes, over the limit of " + max + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                throw ApiException.tooLarge("request body is over the limit of " + max + " bytes");
            }
            return b;
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body");
        }
    }

    // ---- errors ------------------------------------------------------------------------------

    private void error(Context ctx, int status, String message, Map<String, String> headers) {
        headers.forEach(ctx::header);
        try {
            ctx.status(status).contentType(JSON).result(mapper.writeValueAsBytes(ErrorBody.of(status, message)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJson(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith(JSON) && ctx.result() != null && ctx.result().startsWith("{\"error\"");
    }

    /** Javalin's own refusals (unknown route, wrong method, body too large) in our JSON shape. */
    private void javalinError(HttpResponseException e, Context ctx) {
        switch (e.getStatus()) {
            case 404 -> error(ctx, 404, "no such endpoint: " + ctx.method() + " " + shorten(ctx.path()), Map.of());
            case 405 -> methodNotAllowed(ctx);
            case 413 -> error(ctx, 413, "request body is over the limit of " + config.maxBodyBytes() + " bytes", Map.of());
            default -> error(ctx, e.getStatus(), e.getStatus() < 500 ? "request refused" : "internal error", Map.of());
        }
    }

    private void methodNotAllowed(Context ctx) {
        List<String> allowed = ROUTES.stream().filter(r -> r.path().equals(ctx.path())).map(Route::method).toList();
        error(ctx, 405, "method " + ctx.method() + " is not allowed on " + shorten(ctx.path()) + " (allowed: " + String.join(", ", allowed) + ")",
                Map.of("Allow", String.join(", ", allowed)));
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }

    // ---- OpenAPI -----------------------------------------------------------------------------

    static final String OPENAPI_RESOURCE = "/org/framescope/server/openapi.json";

    /** The bundled description with this server's limits and version filled in, so it is true of this instance. */
    private static byte[] openApi(ServerConfig config, ObjectMapper mapper) {
        try (InputStream in = FrameScopeServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            ObjectNode root = (ObjectNode) mapper.readTree(in);
            ((ObjectNode) root.path("info")).put("version", Version.VERSION);
            ObjectNode schemas = (ObjectNode) root.path("components").path("schemas");
            ((ObjectNode) schemas.path("ClassifyRequest").path("properties").path("text")).put("maxLength", config.maxTextChars());
            ((ObjectNode) schemas.path("ArticleInput").path("properties").path("text")).put("maxLength", config.maxTextChars());
            ((ObjectNode) schemas.path("ClassifyRequest").path("properties").path("articles")).put("maxItems", config.maxArticles());
            ((ObjectNode) root.path("info")).put("x-max-body-bytes", config.maxBodyBytes());
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
