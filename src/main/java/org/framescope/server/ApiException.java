package org.framescope.server;

import java.util.Map;

/**
 * A request the service answers with an error status. The message is shown to the client as is, so
 * it must name the offending field or limit and never carry internal details.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false); // no stack trace: this is control flow, not a bug
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException tooLarge(String message) {
        return new ApiException(413, message);
    }

    static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(503, message, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
