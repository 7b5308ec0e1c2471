package org.telecare.collab;

import org.telecare.web.ApiException;

/**
 * Error codes of collaborative viewing (50xx), the same on HTTP answers and in WebSocket
 * {@code error} messages. Data-policy refusals keep the DICOMweb codes (3003, 3004) because the
 * same study check answers them.
 */
public final class CollabErrors {
    public static final int BAD_MESSAGE = 5000;
    public static final int UNKNOWN_TYPE = 5001;
    public static final int HELLO_FIRST = 5002;
    public static final int NOT_MEMBER = 5003;
    public static final int NOT_FOUND = 5004;
    public static final int NOT_PRESENTER = 5005;
    public static final int NOT_ALLOWED = 5006;
    public static final int CONFLICT = 5009;
    public static final int TOO_MANY_CONNECTIONS = 5011;
    public static final int TOO_LARGE = 5013;
    public static final int ENDED = 5020;
    public static final int RATE_LIMITED = 5029;
    public static final int BUSY = 5503;

    private CollabErrors() {
    }

    public static ApiException bad(String message) {
        return new ApiException(400, BAD_MESSAGE, message);
    }

    public static ApiException notFound(String sessionId) {
        return new ApiException(404, NOT_FOUND, "no collaborative session " + sessionId);
    }

    public static ApiException notMember(String what) {
        return new ApiException(403, NOT_MEMBER, what);
    }

    public static ApiException notPresenter() {
        return new ApiException(403, NOT_PRESENTER, "only the presenter changes the shared view");
    }

    public static ApiException notAllowed(String message) {
        return new ApiException(403, NOT_ALLOWED, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, CONFLICT, message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, TOO_LARGE, message);
    }

    public static ApiException busy(String message) {
        return new ApiException(503, BUSY, message);
    }
}
