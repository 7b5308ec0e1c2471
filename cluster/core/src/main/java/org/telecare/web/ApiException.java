package org.telecare.web;

/**
 * A request that cannot be served, with its HTTP status and stable error code. Handlers fail
 * the routing context with it ({@code ctx.fail(new ApiException(…))}) and the node's failure
 * handler answers the JSON error, so no handler formats errors itself.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final int code;

    public ApiException(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ApiErrors.BAD_REQUEST, message);
    }
}
