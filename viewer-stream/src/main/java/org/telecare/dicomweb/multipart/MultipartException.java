package org.telecare.dicomweb.multipart;

/** A body that is not well-formed {@code multipart/related}; the message says where and why. */
public final class MultipartException extends RuntimeException {
    public MultipartException(String message) {
        super(message);
    }
}
