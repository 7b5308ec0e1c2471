package org.telecare.dimse.message;

/** A DIMSE message that cannot be understood (malformed command set, unknown command field). */
public class DimseException extends Exception {
    public DimseException(String message) {
        super(message);
    }

    public DimseException(String message, Throwable cause) {
        super(message, cause);
    }
}
