package org.telecare.dimse.association;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.telecare.dimse.pdu.AAbort;
import org.telecare.dimse.pdu.AAssociateAc;
import org.telecare.dimse.pdu.AAssociateRj;
import org.telecare.dimse.pdu.AAssociateRq;
import org.telecare.dimse.pdu.AReleaseRp;
import org.telecare.dimse.pdu.AReleaseRq;
import org.telecare.dimse.pdu.PDataTf;
import org.telecare.dimse.pdu.Pdu;
import org.telecare.dimse.pdu.PduDecoder;
import org.telecare.dimse.pdu.PduEncoder;
import org.telecare.dimse.pdu.PduException;
import org.telecare.dimse.pdu.Pdv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One association over one TCP connection: decodes PDUs, drives the {@link State} machine
 * (PS3.8 §9.2), runs the ARTIM and idle timers and sends PDUs. Everything runs on the
 * connection's Vert.x context. The DIMSE layer above talks to it through {@link AssociationHandler}
 * (indications) and {@link #sendPdv}, {@link #release()}, {@link #abort()} (requests).
 */
public final class Association {
    private static final Logger LOG = LoggerFactory.getLogger(Association.class);

    private final Vertx vertx;
    private final Context context;
    private final NetSocket socket;
    private final AssociationConfig config;
    private final boolean requestor;
    private final PduDecoder decoder;
    private final ArrayDeque<Pdv> pendingPdvs = new ArrayDeque<>();
    private final Promise<Association> established = Promise.promise();
    private final Promise<Void> released = Promise.promise();
    private final Promise<Void> closed = Promise.promise();

    private State state;
    private AAssociateRq request;
    private AssociationInfo info;
    private AssociationHandler handler;
    private Function<Association, AssociationHandler> handlerFactory;
    private BiFunction<AAssociateRq, SocketAddress, Negotiation.Result> negotiator;
    private boolean suspended;
    private boolean ended;
    private long artimTimer = -1;
    private long idleTimer = -1;
    private long lastActivity = System.nanoTime();
    private Runnable onTransportClosed = () -> { };

    private Association(Vertx vertx, Context context, NetSocket socket, AssociationConfig config, boolean requestor) {
        this.vertx = vertx;
        this.context = context;
        this.socket = socket;
        this.config = config;
        this.requestor = requestor;
        this.decoder = new PduDecoder(config.maxPduLength());
        socket.handler(this::onBytes);
        socket.closeHandler(v -> state.onTransportClosed(this));
        socket.exceptionHandler(e -> LOG.debug("association {}: transport error", this, e));
    }

    /**
     * Acceptor side: a transport connection was accepted (Sta1 → Sta2, ARTIM started, PS3.8
     * AE-5). Must be called on the socket's context.
     */
    static Association accept(Vertx vertx, NetSocket socket, AssociationConfig config,
                              BiFunction<AAssociateRq, SocketAddress, Negotiation.Result> negotiator,
                              Function<Association, AssociationHandler> handlerFactory, Runnable onTransportClosed) {
        Association a = new Association(vertx, Vertx.currentContext(), socket, config, false);
        a.negotiator = negotiator;
        a.handlerFactory = handlerFactory;
        a.onTransportClosed = onTransportClosed;
        a.state = State.Sta2;
        a.startArtim();
        return a;
    }

    /**
     * Requestor side: opens a transport connection (Sta4), sends the A-ASSOCIATE-RQ (AE-2, Sta5)
     * and completes once the A-ASSOCIATE-AC is received (Sta6). Fails with an
     * {@link AssociationException} carrying the A-ASSOCIATE-RJ or the abort.
     *
     * @param local the requestor's settings: its max PDU length and ARTIM time are used
     */
    public static Future<Association> request(Vertx vertx, AssociationConfig local, String host, int port,
                                              AAssociateRq rq, Function<Association, AssociationHandler> handlerFactory) {
        Context ctx = vertx.getOrCreateContext();
        Promise<Association> result = Promise.promise();
        ctx.runOnContext(v -> {
            NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, local.artimMillis())));
            client.connect(port, host).onComplete(ar -> {
                if (ar.failed()) {
                    client.close();
                    result.fail(AssociationException.transport("cannot connect to " + host + ":" + port, ar.cause()));
                    return;
                }
                Association a = new Association(vertx, Vertx.currentContext() != null ? Vertx.currentContext() : ctx,
                        ar.result(), local, true);
                a.onTransportClosed = client::close;
                a.handlerFactory = handlerFactory;
                a.request = rq;
                a.state = State.Sta5;
                a.send(rq);
                a.startArtim();
                a.established.future().onComplete(result);
            });
        });
        return result.future();
    }

    // ---- the API for the DIMSE layer -------------------------------------------------------

    public AssociationInfo info() {
        return info;
    }

    public boolean isRequestor() {
        return requestor;
    }

    public Vertx vertx() {
        return vertx;
    }

    public Context context() {
        return context;
    }

    /** Completes when the transport connection is closed, however the association ended. */
    public Future<Void> closeFuture() {
        return closed.future();
    }

    /**
     * Sends one PDV in its own P-DATA-TF (PS3.8 §9.3.5). {@code data} must not exceed
     * {@link AssociationInfo#maxPdvDataLength()}. Fails when the state allows no data transfer.
     */
    public Future<Void> sendPdv(int presentationContextId, boolean command, boolean last, Buffer data) {
        if (!onContextNow()) {
            Promise<Void> p = Promise.promise();
            context.runOnContext(v -> sendPdv(presentationContextId, command, last, data).onComplete(p));
            return p.future();
        }
        if (!state.canSendData()) {
            return Future.failedFuture(new IllegalStateException("no data transfer in " + state));
        }
        if (data.length() > info.maxPdvDataLength()) {
            return Future.failedFuture(new IllegalArgumentException("PDV of " + data.length()
                    + " bytes exceeds the peer's limit " + info.maxPdvDataLength()));
        }
        lastActivity = System.nanoTime();
        byte[] header = PduEncoder.pDataHeader(presentationContextId, command, last, data.length());
        return socket.write(Buffer.buffer(header.length + data.length()).appendBytes(header).appendBuffer(data));
    }

    /** Completes when the socket's write queue has room (outbound back-pressure). */
    public Future<Void> writable() {
        if (!socket.writeQueueFull()) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        socket.drainHandler(v -> p.tryComplete());
        closed.future().onComplete(v -> p.tryFail(AssociationException.transport("closed while writing", null)));
        return p.future();
    }

    /** A-RELEASE request (PS3.8 AR-1): completes when the A-RELEASE-RP arrives. */
    public Future<Void> release() {
        if (!onContextNow()) {
            Promise<Void> p = Promise.promise();
            context.runOnContext(v -> release().onComplete(p));
            return p.future();
        }
        if (state == State.Sta6) {
            state = State.Sta7;
            send(new AReleaseRq());
            startArtim();
        } else if (state == State.Sta1 || state == State.Sta13) {
            released.tryFail(new IllegalStateException("association already ended"));
        }
        return released.future();
    }

    /** A-ABORT by the service provider (a protocol error the DIMSE layer found), PS3.8 AA-8. */
    public void abort(int reason, String why) {
        onContext(() -> {
            if (state != State.Sta1 && state != State.Sta13) {
                aa8Abort(AAbort.provider(reason), why);
            }
        });
    }

    /** A-ABORT request by the local user (PS3.8 AA-1): the peer sees an A-ABORT, service-user source. */
    public void abort() {
        onContext(() -> {
            if (state != State.Sta1 && state != State.Sta13) {
                aa1Abort(AAbort.user(), "aborted by the local application");
            }
        });
    }

    // ---- inbound ---------------------------------------------------------------------------

    private void onBytes(Buffer bytes) {
        if (state == State.Sta1) {
            return;
        }
        decoder.feed(bytes.getBytes());
        drain();
    }

    /** Processes queued PDVs and decoded PDUs until input runs out or a consumer pushes back. */
    private void drain() {
        while (!suspended && state != State.Sta1) {
            if (!pendingPdvs.isEmpty()) {
                try {
                    deliver(pendingPdvs.poll());
                } catch (RuntimeException e) {
                    LOG.error("association {}: failure handling a PDV", this, e);
                    aa8Abort(AAbort.provider(AAbort.REASON_NOT_SPECIFIED), "internal error: " + e);
                    return;
                }
                continue;
            }
            Pdu pdu;
            try {
                pdu = decoder.next();
            } catch (PduException e) {
                LOG.debug("association {}: invalid PDU: {}", this, e.getMessage());
                state.onInvalidPdu(this, e);
                return;
            }
            if (pdu == null) {
                return;
            }
            lastActivity = System.nanoTime();
            try {
                state.onPdu(this, pdu);
            } catch (RuntimeException e) {
                LOG.error("association {}: failure handling {}", this, pdu.getClass().getSimpleName(), e);
                aa8Abort(AAbort.provider(AAbort.REASON_NOT_SPECIFIED), "internal error: " + e);
                return;
            }
        }
    }

    private void deliver(Pdv pdv) {
        if (handler == null) {
            return;
        }
        Future<Void> f = handler.onPdv(pdv);
        if (f != null && !f.isComplete()) {
            suspended = true;
            socket.pause();
            f.onComplete(ar -> onContext(() -> {
                suspended = false;
                if (state != State.Sta1) {
                    socket.resume();
                    drain();
                }
            }));
        }
    }

    // ---- actions of PS3.8 Table 9-9, called by State ----------------------------------------

    /** AE-6: stop ARTIM; the local user decides (Sta3); AE-7 accept or AE-8 reject. */
    void ae6AssociateRequest(AAssociateRq rq) {
        stopArtim();
        state = State.Sta3;
        request = rq;
        Negotiation.Result result;
        try {
            result = negotiator.apply(rq, socket.remoteAddress() == null ? null
                    : new InetSocketAddress(socket.remoteAddress().host(), socket.remoteAddress().port()));
        } catch (RuntimeException e) {
            LOG.warn("association from {}: negotiation failed", rq.callingAeTitle(), e);
            result = new Negotiation.Rejected(AAssociateRj.noReason());
        }
        switch (result) {
            case Negotiation.Accepted accepted -> {
                info = accepted.info();
                send(accepted.ac());
                LOG.debug("association {} accepted: {} presentation contexts, peer max PDU {}", this,
                        info.contexts().size(), info.peerMaxPduLength());
                state = State.Sta6;
                handler = handlerFactory.apply(this);
                startIdleTimer();
                established.tryComplete(this);
            }
            case Negotiation.Rejected rejected -> {
                LOG.info("association from {} to {} rejected: {}", rq.callingAeTitle(), rq.calledAeTitle(), rejected.rj());
                send(rejected.rj());
                state = State.Sta13;
                startArtim();
            }
        }
    }

    /** AE-3: A-ASSOCIATE-AC received; the association is established. */
    void ae3Accepted(AAssociateAc ac) {
        stopArtim();
        info = Negotiation.accepted(request, ac, socket.remoteAddress() == null ? null
                : new InetSocketAddress(socket.remoteAddress().host(), socket.remoteAddress().port()));
        state = State.Sta6;
        handler = handlerFactory.apply(this);
        startIdleTimer();
        established.tryComplete(this);
    }

    /** AE-4: A-ASSOCIATE-RJ received; close the transport. */
    void ae4Rejected(AAssociateRj rj) {
        end(AssociationException.rejected(rj));
        toSta1();
    }

    /** DT-2 / AR-6: P-DATA indication. */
    void dt2Data(PDataTf pData) {
        pendingPdvs.addAll(pData.pdvs());
    }

    /** AR-2: A-RELEASE indication (Sta8); AR-4 once the DIMSE layer has finished. */
    void ar2ReleaseRequested() {
        state = State.Sta8;
        Future<Void> ready = handler == null ? Future.succeededFuture() : handler.onReleaseRequested();
        ready.onComplete(ar -> onContext(() -> {
            if (state == State.Sta8) {
                send(new AReleaseRp());
                state = State.Sta13;
                startArtim();
                end(null);
            }
        }));
    }

    /** AR-3: A-RELEASE-RP received; close the transport. */
    void ar3Released() {
        end(null);
        toSta1();
    }

    /** AR-8: release collision; the requestor answers at once (AR-9, Sta11), the acceptor waits (Sta10). */
    void ar8Collision() {
        if (requestor) {
            state = State.Sta9;
            send(new AReleaseRp());
            state = State.Sta11;
        } else {
            state = State.Sta10;
        }
    }

    /** AR-10 then AR-4: the acceptor side of a collision answers after the peer's RP. */
    void ar10CollisionConfirmed() {
        state = State.Sta12;
        send(new AReleaseRp());
        state = State.Sta13;
        startArtim();
        end(null);
    }

    /** AA-1: send A-ABORT, (re)start ARTIM, Sta13. */
    void aa1Abort(AAbort abort, String why) {
        send(abort);
        end(AssociationException.abortedLocally(abort, why));
        state = State.Sta13;
        startArtim();
    }

    /** AA-2: stop ARTIM, close the transport. */
    void aa2Close() {
        end(AssociationException.transport("closed in " + state, null));
        toSta1();
    }

    /** AA-3: A-ABORT received; indicate it and close the transport. */
    void aa3PeerAborted(AAbort abort) {
        end(AssociationException.abortedByPeer(abort));
        toSta1();
    }

    /** AA-4: the transport closed unexpectedly; A-P-ABORT indication. */
    void aa4TransportLost() {
        end(AssociationException.transport("connection closed by the peer in " + state, null));
        toSta1();
    }

    /** AA-5: transport closed while awaiting the A-ASSOCIATE-RQ. */
    void aa5Closed() {
        end(AssociationException.transport("connection closed before A-ASSOCIATE-RQ", null));
        toSta1();
    }

    /** AR-5: the transport closed as expected in Sta13. */
    void ar5Closed() {
        end(AssociationException.transport("connection closed", null));
        toSta1();
    }

    /** AA-7: answer a PDU received in Sta13 with an A-ABORT. */
    void aa7Abort() {
        send(AAbort.provider(AAbort.REASON_UNEXPECTED_PDU));
    }

    /** AA-8: send A-ABORT (service-provider), A-P-ABORT indication, start ARTIM, Sta13. */
    void aa8Abort(AAbort abort, String why) {
        LOG.info("association {}: aborting: {}", this, why);
        aa1Abort(abort, why);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void send(Pdu pdu) {
        lastActivity = System.nanoTime();
        socket.write(Buffer.buffer(PduEncoder.encode(pdu)));
    }

    /** Tells everyone waiting how the association ended; only the first outcome counts. */
    private void end(AssociationException cause) {
        if (ended) {
            return;
        }
        ended = true;
        stopIdleTimer();
        pendingPdvs.clear();
        if (cause == null) {
            released.tryComplete();
        } else {
            released.tryFail(cause);
            established.tryFail(cause);
        }
        if (handler != null) {
            try {
                handler.onClosed(cause);
            } catch (RuntimeException e) {
                LOG.warn("association {}: handler failed on close", this, e);
            }
        }
    }

    private void toSta1() {
        state = State.Sta1;
        stopArtim();
        stopIdleTimer();
        socket.close();
        if (!closed.future().isComplete()) {
            closed.complete();
            onTransportClosed.run();
        }
    }

    private void startArtim() {
        stopArtim();
        artimTimer = vertx.setTimer(config.artimMillis(), id -> onContext(() -> {
            if (artimTimer == id) {
                artimTimer = -1;
                state.onArtimExpired(this);
            }
        }));
    }

    private void stopArtim() {
        if (artimTimer != -1) {
            vertx.cancelTimer(artimTimer);
            artimTimer = -1;
        }
    }

    private void startIdleTimer() {
        if (config.idleMillis() > 0) {
            idleTimer = vertx.setPeriodic(Math.max(10, config.idleMillis() / 4), id -> onContext(this::checkIdle));
        }
    }

    private void checkIdle() {
        if (state != State.Sta6 || (handler != null && handler.busy())) {
            return;
        }
        if ((System.nanoTime() - lastActivity) / 1_000_000 >= config.idleMillis()) {
            aa1Abort(AAbort.provider(AAbort.REASON_NOT_SPECIFIED), "idle for " + config.idleMillis() + " ms");
        }
    }

    private void stopIdleTimer() {
        if (idleTimer != -1) {
            vertx.cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }

    private boolean onContextNow() {
        return Vertx.currentContext() == context;
    }

    /** Runs on this association's context: at once when already there. */
    void onContext(Runnable r) {
        if (onContextNow()) {
            r.run();
        } else {
            context.runOnContext(v -> r.run());
        }
    }

    @Override
    public String toString() {
        String who = info != null ? info.callingAeTitle() + "->" + info.calledAeTitle()
                : request != null ? request.callingAeTitle() + "->" + request.calledAeTitle() : String.valueOf(socket.remoteAddress());
        return who + "[" + state + "]";
    }
}
