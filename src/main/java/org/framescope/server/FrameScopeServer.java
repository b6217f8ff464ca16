package org.framescope.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.framescope.FrameScope;
import org.framescope.result.ArticleResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service: a thin adapter from JSON over HTTP to {@link FrameScope}. It starts before the
 * model is loaded ({@code /readyz} answers 503 until {@link #ready} is called), queues classify
 * requests in a bounded {@link InferenceQueue}, and stops gracefully: in-flight requests finish,
 * new ones are refused. This class wires the parts and owns the lifecycle; {@link Endpoints} has the
 * routes, {@link ErrorResponses} the error mapping, {@link OpenApiDocument} the description and
 * {@link ResponseShape} the answer's options.
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
    public record Route(String method, String path) {}

    public static final List<Route> ROUTES = List.of(
            new Route("POST", CLASSIFY),
            new Route("GET", MODEL),
            new Route("GET", HEALTH),
            new Route("GET", READY),
            new Route("GET", METRICS),
            new Route("GET", OPENAPI));

    /** What exists once the model is loaded. */
    record Loaded(FrameScope fs, InferenceQueue queue, byte[] modelInfo) {}

    private final ServerConfig config;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Metrics metrics = new Metrics();
    private final Javalin app;
    private volatile Loaded loaded;
    private volatile boolean draining;
    private volatile boolean stopped;

    private FrameScopeServer(ServerConfig config) {
        Access.check(config);
        this.config = config;
        metrics.gauge(
                "framescope_model_ready",
                "1 once the model is loaded and the service is not shutting down.",
                () -> isReady() ? 1 : 0);
        metrics.gauge(
                "framescope_queue_depth",
                "Classify requests waiting for a worker.",
                () -> loaded == null ? 0 : loaded.queue().depth());
        metrics.gauge(
                "framescope_queue_capacity",
                "Classify requests that may wait before the service answers 503.",
                config::queueCapacity);
        metrics.gauge(
                "framescope_workers_busy",
                "Workers classifying now.",
                () -> loaded == null ? 0 : loaded.queue().busyWorkers());
        metrics.gauge("framescope_workers", "Inference workers.", config::workers);
        Endpoints endpoints = new Endpoints(this, config, mapper, metrics, OpenApiDocument.render(config, mapper));
        ErrorResponses errors = new ErrorResponses(mapper, config.maxBodyBytes());
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.http.prefer405over404 = true;
            // Exact paths only: one spelling per endpoint keeps auth, metrics labels and the OpenAPI description
            // simple.
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
            endpoints.register(cfg);
            errors.register(cfg);
        });
    }

    /** Validates the configuration (refusing a non-loopback address without a key) and starts listening. */
    public static FrameScopeServer start(ServerConfig config) {
        FrameScopeServer s = new FrameScopeServer(config);
        s.app.start(config.host(), config.port());
        LOG.info(
                "listening on http://{}:{} (workers {}, queue {}, key {})",
                config.host(),
                s.port(),
                config.workers(),
                config.queueCapacity(),
                config.apiKey() == null ? "not required" : "required");
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
        ready(
                fs,
                (articles, explain, cancelled) ->
                        explain ? fs.explainArticles(articles, cancelled) : fs.classifyArticles(articles, cancelled));
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
        loaded = new Loaded(
                fs,
                new InferenceQueue(classifier, config.workers(), config.queueCapacity(), config.batchChars(), metrics),
                info);
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
        LOG.info(
                "stopping: finishing requests in flight (up to {} s)",
                config.drainTimeout().toSeconds());
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

    Loaded loaded() {
        return loaded;
    }

    boolean draining() {
        return draining;
    }

    /** The answer to a batch: one result per article, in request order. */
    public record BatchResponse(List<ArticleResult> results) {}
}
