package org.telecare.dimse.message;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.dimse.association.Association;
import org.telecare.dimse.association.AssociationException;
import org.telecare.dimse.association.AssociationHandler;
import org.telecare.dimse.association.PresentationContext;
import org.telecare.dimse.pdu.AAbort;
import org.telecare.dimse.pdu.Pdv;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * DIMSE over one association, both ways (PS3.7 §9, PS3.8 Annex E): reassembles commands and
 * streams data sets from the PDVs it receives; fragments commands and data sets to the peer's
 * max PDU length; sends one message at a time (a message's PDVs are never interleaved with
 * another's); matches responses to the requests this side invoked; hands requests to a
 * {@link RequestHandler} and keeps them until their final response (C-CANCEL support).
 */
public final class DimseExchange implements AssociationHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DimseExchange.class);

    /** Cap for data sets that are collected in memory (identifiers, C-FIND matches). */
    public static final int MAX_BUFFERED_DATA_SET = 4 << 20;

    private final Association association;
    private final RequestHandler requests;
    private final Map<Integer, Invocation> invocations = new HashMap<>();
    private final Map<Integer, InboundRequest> performing = new HashMap<>();
    private Future<Void> sendTail = Future.succeededFuture();
    private int sendsQueued;
    private final java.util.concurrent.atomic.AtomicInteger messageIds = new java.util.concurrent.atomic.AtomicInteger();
    private Promise<Void> quiet;
    private boolean closed;
    private AssociationException closeCause;

    // the message being received
    private ByteArrayOutputStream command;
    private int commandContext;
    private Incoming incoming;

    private DimseExchange(Association association, RequestHandler requests) {
        this.association = association;
        this.requests = requests;
    }

    /** The handler factory to give {@link Association} / the acceptor server. */
    public static java.util.function.Function<Association, AssociationHandler> factory(RequestHandler requests) {
        return a -> new DimseExchange(a, requests);
    }

    public Association association() {
        return association;
    }

    // ---- invoking --------------------------------------------------------------------------

    /** A fresh message id (0000,0110) for a request of this association: 1..65535, then again. Thread-safe. */
    public int nextMessageId() {
        return messageIds.getAndIncrement() % 0xFFFF + 1;
    }

    /**
     * Sends a request and completes with its final response; pending responses (with their
     * data sets) go to {@code onPending} as they arrive.
     */
    public Future<Received> invoke(PresentationContext context, Dimse.Request request, Payload dataSet,
                                   Consumer<Received> onPending) {
        Promise<Received> result = Promise.promise();
        association.context().runOnContext(v -> {
            if (closed) {
                result.fail(closeCause != null ? closeCause : new IllegalStateException("association released"));
                return;
            }
            if (invocations.containsKey(request.messageId())) {
                result.fail(new IllegalStateException("message id " + request.messageId() + " is outstanding"));
                return;
            }
            invocations.put(request.messageId(), new Invocation(context, result, onPending));
            send(context.id(), request, dataSet).onFailure(e -> {
                invocations.remove(request.messageId());
                result.tryFail(e);
                checkQuiet();
            });
        });
        return result.future();
    }

    /**
     * Sends C-CANCEL-RQ for an outstanding request (PS3.7 §9.3.2.3). Queued through the context
     * like {@link #invoke}, so a cancel issued right after its request never goes out before it.
     */
    public Future<Void> cancel(PresentationContext context, int messageId) {
        Promise<Void> sent = Promise.promise();
        association.context().runOnContext(v -> send(context.id(), new Dimse.CCancelRq(messageId), null).onComplete(sent));
        return sent.future();
    }

    // ---- sending ---------------------------------------------------------------------------

    /** Queues one message; messages go out whole and in order. */
    Future<Void> send(int contextId, Dimse message, Payload dataSet) {
        Promise<Void> sent = Promise.promise();
        association.context().runOnContext(v -> {
            sendsQueued++;
            sendTail = sendTail.transform(ignored -> write(contextId, message, dataSet)).andThen(ar -> {
                sendsQueued--;
                sent.handle(ar);
                checkQuiet();
            });
        });
        return sent.future();
    }

    private Future<Void> write(int contextId, Dimse message, Payload dataSet) {
        if (closed) {
            return Future.failedFuture(closeCause != null ? closeCause : new IllegalStateException("association ended"));
        }
        byte[] cmd = DimseCodec.encode(message, dataSet != null).encode();
        Future<Void> f = fragments(contextId, true, Buffer.buffer(cmd));
        if (dataSet == null) {
            return f;
        }
        return f.compose(v -> switch (dataSet) {
            case Payload.Bytes b -> fragments(contextId, false, b.data());
            case Payload.Stream s -> stream(contextId, s.data());
        }).onFailure(e -> {
            // The command promised a data set that did not go out whole: the stream of PDVs
            // cannot be resynchronised (PS3.8 Annex E), so the association has to go.
            if (!closed) {
                LOG.warn("{}: data set of {} could not be sent", association, message, e);
                association.abort();
            }
        });
    }

    /** Sends a buffer as PDVs no larger than the peer accepts; completes when the last is written. */
    private Future<Void> fragments(int contextId, boolean isCommand, Buffer data) {
        int max = association.info().maxPdvDataLength();
        Promise<Void> done = Promise.promise();
        writeFrom(contextId, isCommand, data, 0, max, done);
        return done.future();
    }

    private void writeFrom(int contextId, boolean isCommand, Buffer data, int offset, int max, Promise<Void> done) {
        int pos = offset;
        while (true) {
            int end = Math.min(data.length(), pos + max);
            boolean last = end == data.length();
            Future<Void> w = association.sendPdv(contextId, isCommand, last, data.slice(pos, end));
            if (last) {
                w.onComplete(done);
                return;
            }
            w.onFailure(done::tryFail);
            pos = end;
            if (done.future().isComplete()) {
                return;
            }
            Future<Void> room = association.writable();
            if (!room.isComplete()) {
                int next = pos;
                room.onSuccess(v -> writeFrom(contextId, isCommand, data, next, max, done)).onFailure(done::tryFail);
                return;
            }
        }
    }

    private Future<Void> stream(int contextId, ReadStream<Buffer> data) {
        int max = association.info().maxPdvDataLength();
        Promise<Void> done = Promise.promise();
        Buffer[] pending = {Buffer.buffer()};
        data.exceptionHandler(done::tryFail);
        data.handler(chunk -> {
            if (done.future().isComplete()) {
                return;
            }
            Buffer p = pending[0].appendBuffer(chunk);
            int pos = 0;
            while (p.length() - pos > max) {
                association.sendPdv(contextId, false, false, p.getBuffer(pos, pos + max)).onFailure(done::tryFail);
                pos += max;
            }
            pending[0] = pos == 0 ? p : p.getBuffer(pos, p.length());
            Future<Void> room = association.writable();
            if (!room.isComplete()) {
                data.pause();
                room.onSuccess(v -> data.resume()).onFailure(done::tryFail);
            }
        });
        data.endHandler(v -> {
            if (pending[0].length() == 0) {
                done.tryFail(new IllegalArgumentException("an empty data set cannot be sent"));
            } else {
                association.sendPdv(contextId, false, true, pending[0]).onComplete(done);
            }
        });
        data.resume();
        return done.future();
    }

    // ---- receiving -------------------------------------------------------------------------

    @Override
    public Future<Void> onPdv(Pdv pdv) {
        PresentationContext pc = association.info().contexts().get(pdv.presentationContextId());
        if (pc == null) {
            return protocolError("PDV on presentation context " + pdv.presentationContextId() + " that was not accepted");
        }
        if (pdv.command()) {
            if (incoming != null) {
                return protocolError("command fragment while a data set is being received");
            }
            if (command == null) {
                command = new ByteArrayOutputStream(256);
                commandContext = pc.id();
            } else if (commandContext != pc.id()) {
                return protocolError("command fragments on two presentation contexts");
            }
            if (command.size() + pdv.data().length > CommandSet.MAX_ENCODED_LENGTH) {
                return protocolError("command set too long");
            }
            command.writeBytes(pdv.data());
            if (pdv.last()) {
                byte[] bytes = command.toByteArray();
                command = null;
                onCommand(pc, bytes);
            }
            return null;
        }
        if (incoming == null || incoming.context.id() != pc.id()) {
            return protocolError("data set fragment without a command on context " + pc.id());
        }
        Incoming in = incoming;
        if (pdv.last()) {
            incoming = null;
        }
        return in.fragment(Buffer.buffer(pdv.data()), pdv.last());
    }

    private void onCommand(PresentationContext pc, byte[] bytes) {
        Dimse message;
        boolean hasDataSet;
        try {
            CommandSet cs = CommandSet.decode(bytes);
            hasDataSet = cs.hasDataSet();
            message = DimseCodec.decode(cs);
        } catch (DimseException e) {
            protocolError("bad command: " + e.getMessage());
            return;
        }
        LOG.debug("{} received {}", association, message);
        switch (message) {
            case Dimse.CCancelRq cancel -> {
                InboundRequest op = performing.get(cancel.messageIdBeingRespondedTo());
                if (op != null) {
                    op.cancel();
                }
                if (hasDataSet) {
                    incoming = Incoming.discard(pc);
                }
            }
            case Dimse.Request rq -> onRequest(pc, rq, hasDataSet);
            case Dimse.Response rsp -> onResponse(pc, rsp, hasDataSet);
        }
    }

    private void onRequest(PresentationContext pc, Dimse.Request rq, boolean hasDataSet) {
        InboundRequest op = new InboundRequest(this, rq, pc, hasDataSet);
        if (performing.putIfAbsent(rq.messageId(), op) != null) {
            LOG.info("{}: duplicate message id {}", association, rq.messageId());
        }
        DataSink sink;
        try {
            sink = requests.onRequest(op);
        } catch (RuntimeException e) {
            LOG.warn("{}: request handler failed on {}", association, rq, e);
            sink = null;
            if (!(rq instanceof Dimse.CCancelRq)) {
                op.respond(rq.response(new Status(0x0110, "processing failure"), null));
            }
        }
        if (hasDataSet) {
            op.dataComplete(false);
            incoming = new Incoming(pc, sink == null ? DataSink.DISCARD : sink, op);
        }
    }

    private void onResponse(PresentationContext pc, Dimse.Response rsp, boolean hasDataSet) {
        Invocation inv = invocations.get(rsp.messageIdBeingRespondedTo());
        if (inv == null) {
            LOG.info("{}: response to unknown message id {}", association, rsp.messageIdBeingRespondedTo());
            if (hasDataSet) {
                incoming = Incoming.discard(pc);
            }
            return;
        }
        if (!hasDataSet) {
            deliver(inv, new Received(rsp, pc, null));
            return;
        }
        incoming = new Incoming(pc, new DataSink() {
            private final Buffer collected = Buffer.buffer();

            public Future<Void> chunk(Buffer fragment) {
                if (collected.length() + fragment.length() > MAX_BUFFERED_DATA_SET) {
                    return protocolError("response data set larger than " + MAX_BUFFERED_DATA_SET + " bytes");
                }
                collected.appendBuffer(fragment);
                return null;
            }

            public void end() {
                deliver(inv, new Received(rsp, pc, collected));
            }

            public void fail(Throwable cause) {
            }
        }, null);
    }

    private void deliver(Invocation inv, Received received) {
        if (received.response().status().isPending()) {
            if (inv.onPending != null) {
                try {
                    inv.onPending.accept(received);
                } catch (RuntimeException e) {
                    LOG.warn("{}: pending response consumer failed", association, e);
                }
            }
            return;
        }
        invocations.remove(received.response().messageIdBeingRespondedTo());
        inv.result.tryComplete(received);
        checkQuiet();
    }

    void finished(InboundRequest op) {
        performing.remove(op.message().messageId(), op);
        op.complete(null);
        checkQuiet();
    }

    private <T> Future<T> protocolError(String why) {
        association.abort(AAbort.REASON_UNEXPECTED_PDU_PARAMETER, why);
        return null;
    }

    // ---- association events ----------------------------------------------------------------

    @Override
    public Future<Void> onReleaseRequested() {
        return idle();
    }

    /**
     * Completes once no operation is outstanding either way and nothing is queued for sending
     * (or the association ended): the moment a release may be requested or answered.
     */
    public Future<Void> idle() {
        Promise<Void> result = Promise.promise();
        association.context().runOnContext(v -> {
            if (quiet == null || quiet.future().isComplete() && !quietNow()) {
                quiet = Promise.promise();
            }
            checkQuiet();
            quiet.future().onComplete(result);
        });
        return result.future();
    }

    /**
     * Busy while this side owes something: a message being sent, a response we wait for, or a
     * request whose data set is complete and is being performed. A peer that stalls in the
     * middle of a data set does not count, so the idle timer aborts it.
     */
    @Override
    public boolean busy() {
        return sendsQueued > 0 || !invocations.isEmpty()
                || performing.values().stream().anyMatch(InboundRequest::dataComplete);
    }

    /** Nothing outstanding at all: the condition for a release. */
    private boolean quietNow() {
        return sendsQueued == 0 && invocations.isEmpty() && performing.isEmpty() && incoming == null && command == null;
    }

    private void checkQuiet() {
        if (quiet != null && (closed || quietNow())) {
            quiet.tryComplete();
        }
    }

    @Override
    public void onClosed(AssociationException cause) {
        closed = true;
        closeCause = cause;
        Throwable why = cause != null ? cause : new IllegalStateException("association released");
        if (incoming != null) {
            Incoming in = incoming;
            incoming = null;
            in.sink.fail(why);
        }
        Map.copyOf(invocations).values().forEach(inv -> inv.result.tryFail(why));
        invocations.clear();
        Map.copyOf(performing).values().forEach(op -> op.complete(why));
        performing.clear();
        if (quiet != null) {
            quiet.tryComplete();
        }
    }

    private record Invocation(PresentationContext context, Promise<Received> result, Consumer<Received> onPending) {
    }

    /** The data set of the message being received. */
    private record Incoming(PresentationContext context, DataSink sink, InboundRequest request) {
        static Incoming discard(PresentationContext pc) {
            return new Incoming(pc, DataSink.DISCARD, null);
        }

        Future<Void> fragment(Buffer data, boolean last) {
            Future<Void> f = sink.chunk(data);
            if (!last) {
                return f;
            }
            if (request != null) {
                request.dataComplete(true);
            }
            if (f == null || f.isComplete()) {
                sink.end();
                return f;
            }
            return f.andThen(ar -> sink.end());
        }
    }
}
