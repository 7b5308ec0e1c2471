package org.telecare.dimse.service;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.dimse.message.DataSink;
import org.telecare.dimse.message.Dimse;
import org.telecare.dimse.message.DimseExchange;
import org.telecare.dimse.message.InboundRequest;
import org.telecare.dimse.message.RequestHandler;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.message.SubOperations;

/**
 * Performs incoming requests with the registered services (PS3.7 §9.1): C-ECHO itself,
 * C-STORE streamed into a {@link StoreHandler}, C-FIND/C-MOVE/C-GET after their identifier.
 * Unknown requests get a failure response, never an abort.
 */
final class Dispatcher implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ServiceRegistry registry;

    Dispatcher(ServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public DataSink onRequest(InboundRequest request) {
        Dimse.Request rq = request.message();
        if (rq.sopClassUid() != null && !rq.sopClassUid().equals(request.presentationContext().abstractSyntax())) {
            return refuse(request, Status.SOP_CLASS_NOT_SUPPORTED.withComment("SOP class differs from the presentation context"));
        }
        ServiceRegistry.Services services = registry.services(rq.sopClassUid());
        return switch (rq) {
            case Dimse.CEchoRq echo -> {
                request.respond(new Dimse.CEchoRsp(echo.messageId(), echo.sopClassUid(),
                        services.echo() ? Status.SUCCESS : Status.SOP_CLASS_NOT_SUPPORTED));
                yield null;
            }
            case Dimse.CStoreRq store -> services.store() == null ? refuse(request, Status.SOP_CLASS_NOT_SUPPORTED)
                    : store(request, store, services.store());
            case Dimse.CFindRq _ -> services.find() == null ? refuse(request, Status.SOP_CLASS_NOT_SUPPORTED)
                    : identifier(request, q -> services.find().find(q, new Responder(request))
                    .map(status -> new Outcome(status, null)));
            case Dimse.CMoveRq _ -> services.move() == null ? refuse(request, Status.SOP_CLASS_NOT_SUPPORTED)
                    : identifier(request, q -> services.move().move(q, new Responder(request))
                    .map(r -> new Outcome(r.status(), r.subOperations())));
            case Dimse.CGetRq _ -> services.get() == null ? refuse(request, Status.SOP_CLASS_NOT_SUPPORTED)
                    : identifier(request, q -> services.get().get(q, new Responder(request))
                    .map(r -> new Outcome(r.status(), r.subOperations())));
            case Dimse.CCancelRq _ -> null;
        };
    }

    private DataSink store(InboundRequest request, Dimse.CStoreRq rq, StoreHandler handler) {
        StoreHandler.StoreSink sink;
        try {
            sink = handler.begin(new StoreRequest(request.association(), rq, request.transferSyntax()));
        } catch (RuntimeException e) {
            return refuse(request, DimseServiceException.statusOf(e, Status.OUT_OF_RESOURCES));
        }
        return new DataSink() {
            private boolean failed;

            @Override
            public Future<Void> chunk(Buffer fragment) {
                if (failed) {
                    return null;
                }
                try {
                    return sink.write(fragment).recover(e -> {
                        failWith(e);
                        return Future.succeededFuture();
                    });
                } catch (RuntimeException e) {
                    failWith(e);
                    return null;
                }
            }

            private void failWith(Throwable e) {
                if (!failed) {
                    failed = true;
                    LOG.warn("store of {} failed while receiving", rq.sopInstanceUid(), e);
                    sink.abort(e);
                    pendingFailure = DimseServiceException.statusOf(e, Status.OUT_OF_RESOURCES);
                }
            }

            private Status pendingFailure;

            @Override
            public void end() {
                if (failed) {
                    answerStore(request, rq, pendingFailure);
                    return;
                }
                Future<Status> done;
                try {
                    done = sink.complete();
                } catch (RuntimeException e) {
                    done = Future.failedFuture(e);
                }
                done.onComplete(ar -> answerStore(request, rq,
                        ar.succeeded() ? ar.result() : DimseServiceException.statusOf(ar.cause(), Status.OUT_OF_RESOURCES)));
            }

            @Override
            public void fail(Throwable cause) {
                if (!failed) {
                    failed = true;
                    sink.abort(cause);
                }
            }
        };
    }

    private static void answerStore(InboundRequest request, Dimse.CStoreRq rq, Status status) {
        request.respond(new Dimse.CStoreRsp(rq.messageId(), rq.sopClassUid(), rq.sopInstanceUid(), status));
    }

    /** Final status plus counts (C-MOVE/C-GET). */
    private record Outcome(Status status, SubOperations counts) {
    }

    /** Collects the identifier, runs the operation, sends the final response. */
    private DataSink identifier(InboundRequest request, java.util.function.Function<QueryRequest, Future<Outcome>> op) {
        if (!request.hasDataSet()) {
            request.respond(failure(request.message(), Status.CANNOT_UNDERSTAND.withComment("no identifier")));
            return null;
        }
        Buffer identifier = Buffer.buffer();
        return new DataSink() {
            private boolean tooLong;

            @Override
            public Future<Void> chunk(Buffer fragment) {
                if (identifier.length() + fragment.length() > DimseExchange.MAX_BUFFERED_DATA_SET) {
                    tooLong = true;
                } else {
                    identifier.appendBuffer(fragment);
                }
                return null;
            }

            @Override
            public void end() {
                if (tooLong) {
                    request.respond(failure(request.message(), Status.OUT_OF_RESOURCES_MATCHES.withComment("identifier too long")));
                    return;
                }
                Future<Outcome> f;
                try {
                    f = op.apply(new QueryRequest(request.association(), request.message(), request.transferSyntax(), identifier));
                } catch (RuntimeException e) {
                    f = Future.failedFuture(e);
                }
                f.onComplete(ar -> {
                    if (request.done().isComplete()) {
                        return;
                    }
                    if (ar.succeeded()) {
                        Status status = request.cancelled() && ar.result().status().kind() == Status.Kind.SUCCESS
                                ? Status.CANCEL : ar.result().status();
                        request.respond(response(request.message(), status, finalCounts(ar.result().counts())));
                    } else {
                        request.respond(failure(request.message(), DimseServiceException.statusOf(ar.cause(), Status.UNABLE_TO_PROCESS)));
                    }
                });
            }

            @Override
            public void fail(Throwable cause) {
            }
        };
    }

    private static SubOperations finalCounts(SubOperations counts) {
        return counts == null ? null : counts.asFinal();
    }

    private static DataSink refuse(InboundRequest request, Status status) {
        if (!request.hasDataSet()) {
            request.respond(failure(request.message(), status));
            return null;
        }
        return new DataSink() {
            public Future<Void> chunk(Buffer fragment) {
                return null;
            }

            public void end() {
                request.respond(failure(request.message(), status));
            }

            public void fail(Throwable cause) {
            }
        };
    }

    static Dimse.Response failure(Dimse.Request rq, Status status) {
        return rq.response(status, null);
    }

    static Dimse.Response response(Dimse.Request rq, Status status, SubOperations counts) {
        return rq.response(status, counts);
    }
}
