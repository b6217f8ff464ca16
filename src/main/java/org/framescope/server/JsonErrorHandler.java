package org.framescope.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before Javalin sees the request (unparseable request line, headers
 * too large, bad URI encoding): JSON in our shape with the standard reason phrase only, never
 * Jetty's HTML page, exception text or stack.
 */
final class JsonErrorHandler extends ErrorHandler {

    static byte[] body(int status) {
        String reason = HttpStatus.getMessage(status);
        return ("{\"error\":{\"status\":" + status + ",\"message\":\""
                        + (reason == null ? "error" : reason.replace("\"", "'")) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status));
    }
}
