package org.telecare.dicomweb;

import org.telecare.web.ApiException;

/** Error codes of the DICOMweb area (30xx), on top of the HTTP status PS3.18 §8.5 asks for. */
public final class DicomWebErrors {
    public static final int BAD_UID = 3000;
    public static final int BAD_QUERY = 3001;
    public static final int BAD_MULTIPART = 3002;
    public static final int DENIED = 3003;
    public static final int NOT_FOUND = 3004;
    public static final int NOT_ACCEPTABLE = 3006;
    public static final int CONFLICT = 3009;
    public static final int TOO_LARGE = 3013;
    public static final int UNSUPPORTED_MEDIA_TYPE = 3015;
    public static final int RANGE_NOT_SATISFIABLE = 3016;

    private DicomWebErrors() {
    }

    public static ApiException badUid(String what, String value) {
        return new ApiException(400, BAD_UID, what + " is not a valid UID: " + value);
    }

    public static ApiException denied(String reason) {
        return new ApiException(403, DENIED, "access denied: " + reason);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, NOT_FOUND, what + " not found");
    }

    public static ApiException notAcceptable(String why) {
        return new ApiException(406, NOT_ACCEPTABLE, why);
    }

    /** A QIDO-RS or WADO-URI parameter that cannot be understood (PS3.18 §8.3.4, §9.1.2). */
    public static ApiException badQuery(String why) {
        return new ApiException(400, BAD_QUERY, why);
    }

    /** A STOW-RS body that is not well-formed {@code multipart/related} (PS3.18 §10.5.3: 400, nothing stored). */
    public static ApiException badMultipart(String why) {
        return new ApiException(400, BAD_MULTIPART, "malformed multipart body, nothing stored: " + why);
    }

    public static ApiException tooLarge(long max) {
        return new ApiException(413, TOO_LARGE, "the request body exceeds " + max + " bytes; nothing stored");
    }

    public static ApiException unsupportedMediaType(String why) {
        return new ApiException(415, UNSUPPORTED_MEDIA_TYPE, why);
    }

    public static ApiException rangeNotSatisfiable(String why) {
        return new ApiException(416, RANGE_NOT_SATISFIABLE, why);
    }
}
