package org.framescope.server;

/** Every error answer: {@code {"error": {"status": 413, "message": "..."}}}, so clients parse one shape. */
public record ErrorBody(Detail error) {

    public record Detail(int status, String message) {}

    public static ErrorBody of(int status, String message) {
        return new ErrorBody(new Detail(status, message));
    }
}
