package org.telecare.archive.qr;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.message.SubOperations;
import org.telecare.dimse.service.Responder;
import org.telecare.dimse.service.RetrieveResult;

import java.util.List;
import java.util.function.Function;

/**
 * The C-STORE sub-operations of one C-MOVE or C-GET (PS3.4 §C.4.2.3.1, §C.4.3.3.1), one after
 * the other: each outcome is counted as completed, warning or failed, a pending response reports
 * the counts while some remain, and a C-CANCEL stops before the next one with status Cancel
 * (FE00H) and the counts so far, {@code remaining} being those never started.
 */
final class SubOperationRun {
    private static final Logger LOG = LoggerFactory.getLogger(SubOperationRun.class);

    private final List<StoredInstance> instances;
    private final Responder responder;
    private final Function<StoredInstance, Future<Status>> store;
    private final Context context;
    private final Promise<RetrieveResult> result = Promise.promise();
    private int completed;
    private int failed;
    private int warning;

    private SubOperationRun(Vertx vertx, List<StoredInstance> instances, Responder responder,
                            Function<StoredInstance, Future<Status>> store) {
        this.instances = instances;
        this.responder = responder;
        this.store = store;
        this.context = vertx.getOrCreateContext();
    }

    /** Runs the sub-operations; {@code store} performs one and completes with the peer's C-STORE status. */
    static Future<RetrieveResult> run(Vertx vertx, List<StoredInstance> instances, Responder responder,
                                      Function<StoredInstance, Future<Status>> store) {
        SubOperationRun run = new SubOperationRun(vertx, instances, responder, store);
        run.context.runOnContext(v -> run.step(0));
        return run.result.future();
    }

    private void step(int i) {
        if (i >= instances.size()) {
            result.complete(RetrieveResult.of(completed, failed, warning));
            return;
        }
        if (responder.cancelled()) {
            result.complete(new RetrieveResult(Status.CANCEL,
                    new SubOperations(instances.size() - i, completed, failed, warning)));
            return;
        }
        StoredInstance instance = instances.get(i);
        Future<Status> one;
        try {
            one = store.apply(instance);
        } catch (RuntimeException e) {
            one = Future.failedFuture(e);
        }
        one.onComplete(ar -> {
            if (ar.failed()) {
                LOG.info("sub-operation C-STORE of {} failed: {}", instance.sopInstanceUid(), ar.cause().toString());
                failed++;
            } else {
                switch (ar.result().kind()) {
                    case SUCCESS -> completed++;
                    case WARNING -> warning++;
                    default -> {
                        LOG.info("sub-operation C-STORE of {} refused: {}", instance.sopInstanceUid(), ar.result());
                        failed++;
                    }
                }
            }
            int remaining = instances.size() - i - 1;
            Future<Void> reported = remaining > 0 && !responder.cancelled()
                    ? responder.progress(SubOperations.pending(remaining, completed, failed, warning))
                    : Future.succeededFuture();
            // The next step runs as a fresh task: thousands of instances never deepen the stack.
            reported.onComplete(v -> context.runOnContext(x -> step(i + 1)));
        });
    }
}
