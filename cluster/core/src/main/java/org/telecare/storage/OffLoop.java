package org.telecare.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs blocking work (file or store I/O) on an executor, never on the event loop, and completes
 * the returned future on the caller's Vert.x context, so handlers continue where they were.
 */
public final class OffLoop {
    private OffLoop() {
    }

    public static <T> Future<T> call(Vertx vertx, Executor executor, Callable<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        var context = vertx.getOrCreateContext();
        executor.execute(() -> {
            try {
                done.complete(work.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return Future.fromCompletionStage(done, context);
    }
}
