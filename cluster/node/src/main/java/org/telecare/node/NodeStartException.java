package org.telecare.node;

/** The node could not start; the message is for the operator and says what to change. */
public class NodeStartException extends RuntimeException {
    public NodeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
