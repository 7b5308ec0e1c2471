package org.telecare.dimse.message;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import org.telecare.dimse.association.AssociationInfo;
import org.telecare.dimse.association.PresentationContext;

import java.util.List;

/**
 * A request being performed: its command, its presentation context, the way to answer it
 * (pending responses, then one final response, PS3.7 §9.3) and its cancel state (C-CANCEL,
 * PS3.7 §9.3.2.3).
 */
public final class InboundRequest {
    private final DimseExchange exchange;
    private final Dimse.Request message;
    private final PresentationContext context;
    private final boolean hasDataSet;
    private final Promise<Void> done = Promise.promise();
    private final List<Runnable> cancelListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private boolean finalSent;
    private boolean dataComplete = true;

    InboundRequest(DimseExchange exchange, Dimse.Request message, PresentationContext context, boolean hasDataSet) {
        this.exchange = exchange;
        this.message = message;
        this.context = context;
        this.hasDataSet = hasDataSet;
    }

    public Dimse.Request message() {
        return message;
    }

    public PresentationContext presentationContext() {
        return context;
    }

    /** The transfer syntax of the data set (the context's). */
    public String transferSyntax() {
        return context.transferSyntax();
    }

    public boolean hasDataSet() {
        return hasDataSet;
    }

    public AssociationInfo association() {
        return exchange.association().info();
    }

    /** The exchange, to invoke operations on the same association (C-GET's C-STORE sub-operations). */
    public DimseExchange exchange() {
        return exchange;
    }

    /** Sends a response without data set; a non-pending status ends the operation. */
    public Future<Void> respond(Dimse.Response response) {
        return respond(response, null);
    }

    /** Sends a response with a data set (a C-FIND match); a non-pending status ends the operation. */
    public Future<Void> respond(Dimse.Response response, Buffer dataSet) {
        if (finalSent) {
            return Future.failedFuture(new IllegalStateException("request " + message.messageId() + " is already answered"));
        }
        if (!response.status().isPending()) {
            finalSent = true;
        }
        Future<Void> sent = exchange.send(context.id(), response, dataSet == null ? null : Payload.of(dataSet));
        if (finalSent) {
            sent.onComplete(ar -> exchange.finished(this));
        }
        return sent;
    }

    /** Whether a C-CANCEL-RQ arrived for this request, or the association ended. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Runs when a C-CANCEL-RQ arrives or the association ends (at once if that already happened). */
    public void onCancel(Runnable listener) {
        cancelListeners.add(listener);
        if (cancelled && cancelListeners.remove(listener)) {
            listener.run();
        }
    }

    /** Completes when the final response is sent or the association ends. */
    public Future<Void> done() {
        return done.future();
    }

    /** Whether the whole request (command and data set) has arrived. */
    boolean dataComplete() {
        return dataComplete;
    }

    void dataComplete(boolean complete) {
        dataComplete = complete;
    }

    void cancel() {
        if (!cancelled) {
            cancelled = true;
            for (Runnable r : cancelListeners) {
                if (cancelListeners.remove(r)) {
                    r.run();
                }
            }
        }
    }

    void complete(Throwable cause) {
        if (cause != null) {
            cancel();
            done.tryFail(cause);
        } else {
            done.tryComplete();
        }
    }
}
