package org.telecare.dicomweb.rendered;

import org.telecare.pixel.PixelDataException;
import org.telecare.web.ApiException;

/**
 * Error codes of rendered resources (302x, in the DICOMweb area's 30xx). A failure of the
 * object (damaged pixel data) is a 500 that names the object; a limit of this server (a
 * transfer syntax with no decoder) is 501; asking for a frame that is not there is 404.
 */
public final class RenderedErrors {
    public static final int BAD_PARAMETER = 3020;
    public static final int NOT_AN_IMAGE = 3021;
    public static final int NO_SUCH_FRAME = 3022;
    public static final int CANNOT_DECODE = 3023;
    public static final int DAMAGED = 3024;
    public static final int BUSY = 3025;

    private RenderedErrors() {
    }

    public static ApiException badParameter(String message) {
        return new ApiException(400, BAD_PARAMETER, message);
    }

    public static ApiException busy() {
        return new ApiException(503, BUSY, "too many images are being rendered; try again shortly");
    }

    /** The HTTP answer for a pixel pipeline failure on {@code what} (e.g. "instance 1.2.3"). */
    public static ApiException of(PixelDataException e, String what) {
        String message = what + ": " + e.getMessage();
        return switch (e.kind()) {
            case NO_PIXEL_DATA -> new ApiException(400, NOT_AN_IMAGE, message + "; it has no rendered form");
            case NO_SUCH_FRAME -> new ApiException(404, NO_SUCH_FRAME, message);
            case UNSUPPORTED_TRANSFER_SYNTAX, UNSUPPORTED_LAYOUT -> new ApiException(501, CANNOT_DECODE, message);
            case INVALID_ATTRIBUTES, CORRUPT -> new ApiException(500, DAMAGED, message);
        };
    }
}
