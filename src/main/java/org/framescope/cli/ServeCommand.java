package org.framescope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.framescope.FrameScope;
import org.framescope.server.FrameScopeServer;
import org.framescope.server.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code framescope serve}: the HTTP service (see the server package and /openapi.json). */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the model over HTTP: POST /v1/classify, GET /v1/model, /healthz, /readyz, /metrics, /openapi.json.",
            "Listens on loopback by default; any other address needs an API key (FRAMESCOPE_API_KEY or --api-key-file),",
            "which clients send as 'Authorization: Bearer <key>'. Stops gracefully on SIGTERM (requests in flight finish).",
            "--threads 0 (the default) gives each worker an equal share of the cores for the encoder."
        })
final class ServeCommand implements Callable<Integer> {

    static final String KEY_ENV = "FRAMESCOPE_API_KEY";
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ModelOptions modelOptions;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            converter = NumericOptions.Port.class,
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--api-key-file",
            paramLabel = "FILE",
            description = "File holding the API key (else the " + KEY_ENV + " environment variable).")
    Path apiKeyFile;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--workers",
            paramLabel = "N",
            description =
                    "Inference workers, each taking one model call at a time (default: one per two cores; each gets an equal share of the cores for the encoder).")
    Integer workers;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--queue",
            paramLabel = "N",
            defaultValue = "64",
            description = "Requests that may wait for a worker before the answer is 503 (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(
            converter = NumericOptions.PositiveLong.class,
            names = "--max-body-bytes",
            paramLabel = "N",
            defaultValue = "4194304",
            description = "Largest request body (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--max-articles",
            paramLabel = "N",
            defaultValue = "64",
            description = "Most articles per request (default: ${DEFAULT-VALUE}).")
    int maxArticles;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "Longest a classify request may wait and run before a 503 (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
            converter = NumericOptions.Positive.class,
            names = "--batch-chars",
            paramLabel = "N",
            defaultValue = "16000",
            description =
                    "Text a worker combines from queued requests into one model call (default: ${DEFAULT-VALUE}).")
    int batchChars;

    @Option(
            converter = NumericOptions.NonNegative.class,
            names = "--drain",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "Longest shutdown waits for requests in flight (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int w = workers == null ? ServerConfig.defaultWorkers(cores) : workers;
        ServerConfig config = new ServerConfig(
                host,
                port,
                apiKey(apiKeyFile),
                maxBodyBytes,
                maxArticles,
                modelOptions.maxChars,
                w,
                queue,
                batchChars,
                Duration.ofSeconds(timeoutSeconds),
                Duration.ofSeconds(drainSeconds));
        if (modelOptions.threads == 0) {
            // Workers call the encoder concurrently; one ORT pool per call sized to all cores would oversubscribe.
            modelOptions.threads = Math.max(1, cores / w);
        }
        // Listen first so /healthz answers and /readyz says 503 while the model loads; start() refuses
        // a non-loopback address without a key before binding anything.
        FrameScopeServer server = FrameScopeServer.start(config);
        AtomicReference<FrameScope> model = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        // Registered before loading, so SIGTERM during a slow load still closes the listener cleanly.
        Thread hook = new Thread(
                () -> {
                    try {
                        server.stop();
                        FrameScope fs = model.getAndSet(null);
                        if (fs != null) {
                            fs.close();
                        }
                    } finally {
                        stopped.countDown();
                    }
                },
                "framescope-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            long t0 = System.nanoTime();
            FrameScope fs = modelOptions.load(false);
            model.set(fs);
            LOG.info(
                    "model {} loaded in {} s",
                    fs.manifest().name(),
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
            server.ready(fs);
        } catch (RuntimeException | Error e) {
            // Any load failure ends the process with exit 2: a listener left up would answer
            // /healthz 200 and /readyz 503 forever, and an orchestrator would never restart it.
            Runtime.getRuntime().removeShutdownHook(hook);
            server.stop();
            if (e instanceof Error) {
                throw new org.framescope.model.ModelFormatException("cannot load the model: " + e, e);
            }
            throw e;
        }
        stopped.await();
        return Main.OK;
    }

    /**
     * The API key: the file's content when a file is given, else {@value #KEY_ENV}, else null
     * (serve and loadtest read it the same way).
     */
    static String apiKey(Path apiKeyFile) throws IOException {
        String key;
        if (apiKeyFile != null) {
            if (!Files.isRegularFile(apiKeyFile)) {
                throw new IllegalArgumentException("API key file not found: " + apiKeyFile);
            }
            key = Files.readString(apiKeyFile).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("API key file is empty: " + apiKeyFile);
            }
        } else {
            key = System.getenv(KEY_ENV);
            key = key == null || key.isBlank() ? null : key.strip();
        }
        return key;
    }
}
