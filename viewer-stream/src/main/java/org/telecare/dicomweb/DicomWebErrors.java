package org.telecare.dicomweb;

import org.telecare.web.ApiException;

/** Error codes of the DICOMweb area (30xx), on top of the HTTP status PS3.18 §8.5 asks for. */
public final class DicomWebErrors {
    public static final int BAD_UID = 3000;
    public static final int DENIED = 3003;
    public static final int NOT_FOUND = 3004;
    public static final int NOT_ACCEPTABLE = 3006;

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
}
