package org.telecare.pixel;

/**
 * Why a frame could not be decoded or rendered. The {@link Kind} tells a caller whether the
 * object, the request or the server is at fault (an HTTP route maps it to its status).
 */
public final class PixelDataException extends Exception {
    public enum Kind {
        /** The data set has no Pixel Data (7FE0,0010), e.g. a structured report. */
        NO_PIXEL_DATA,
        /** The pixel data is in a transfer syntax no decoder here handles. */
        UNSUPPORTED_TRANSFER_SYNTAX,
        /** The image pixel attributes describe a layout the pipeline does not render (e.g. 1-bit, 32-bit). */
        UNSUPPORTED_LAYOUT,
        /** The image pixel attributes are missing or contradict each other or the pixel data. */
        INVALID_ATTRIBUTES,
        /** A frame number outside 1 … Number of Frames. */
        NO_SUCH_FRAME,
        /** The compressed or native data is truncated or corrupt. */
        CORRUPT
    }

    private final Kind kind;

    public PixelDataException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PixelDataException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
