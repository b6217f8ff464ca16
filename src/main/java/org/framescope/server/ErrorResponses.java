package org.framescope.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the service answers, in one JSON shape ({@link ErrorBody}): our own refusals
 * ({@link ApiException}), Javalin's (unknown route, wrong method, body too large) and unexpected
 * failures, which clients see only as "internal error".
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(FrameScopeServer.class);
    private static final String JSON = "application/json";

    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    ErrorResponses(ObjectMapper mapper, long maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(JavalinConfig cfg) {
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
    }

    void error(Context ctx, int status, String message, Map<String, String> headers) {
        headers.forEach(ctx::header);
        try {
            ctx.status(status).contentType(JSON).result(mapper.writeValueAsBytes(ErrorBody.of(status, message)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether an answer in our error shape is already set (the error pages must not replace it). */
    private static boolean isJson(Context ctx) {
        String ct = ctx.res().getContentType();
        String body = ctx.result();
        return ct != null && ct.startsWith(JSON) && body != null && body.startsWith("{\"error\"");
    }

    /** Javalin's own refusals (unknown route, wrong method, body too large) in our JSON shape. */
    private void javalinError(HttpResponseException e, Context ctx) {
        switch (e.getStatus()) {
            case 404 -> error(ctx, 404, "no such endpoint: " + ctx.method() + " " + shorten(ctx.path()), Map.of());
            case 405 -> methodNotAllowed(ctx);
            case 413 -> error(ctx, 413, "request body is over the limit of " + maxBodyBytes + " bytes", Map.of());
            default -> error(ctx, e.getStatus(), e.getStatus() < 500 ? "request refused" : "internal error", Map.of());
        }
    }

    private void methodNotAllowed(Context ctx) {
        List<String> allowed = FrameScopeServer.ROUTES.stream()
                .filter(r -> r.path().equals(ctx.path()))
                .map(FrameScopeServer.Route::method)
                .toList();
        error(
                ctx,
                405,
                "method " + ctx.method() + " is not allowed on " + shorten(ctx.path()) + " (allowed: "
                        + String.join(", ", allowed) + ")",
                Map.of("Allow", String.join(", ", allowed)));
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
