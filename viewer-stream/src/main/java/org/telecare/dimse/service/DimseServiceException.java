package org.telecare.dimse.service;

import org.telecare.dimse.message.Status;

/** A failure with the DIMSE status the response carries (PS3.7 Annex C). */
public class DimseServiceException extends RuntimeException {
    private final Status status;

    public DimseServiceException(Status status) {
        super(status.toString());
        this.status = status;
    }

    public DimseServiceException(Status status, String comment) {
        this(status.withComment(comment));
    }

    public DimseServiceException(Status status, Throwable cause) {
        super(status + ": " + cause.getMessage(), cause);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    /** The status for any failure: the carried one, else processing failure with the message. */
    public static Status statusOf(Throwable t, Status otherwise) {
        if (t instanceof DimseServiceException e) {
            return e.status();
        }
        return otherwise.withComment(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
}
