package org.telecare.dicomweb.rendered;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where renders run: a worker pool of {@code threads} so decoding never blocks an event loop
 * and never takes every worker, and a bound of {@code maxPending} renders running or queued;
 * past it a request is refused at once (503) rather than queued without end.
 */
public final class RenderPool implements AutoCloseable {
    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();

    public RenderPool(Vertx vertx, int threads, int maxPending) {
        if (threads < 1 || maxPending < threads) {
            throw new IllegalArgumentException("threads ≥ 1 and maxPending ≥ threads");
        }
        this.vertx = vertx;
        this.workers = vertx.createSharedWorkerExecutor("telecare-render", threads);
        this.maxPending = maxPending;
    }

    /** The node's pool: half the cores render (at least one), eight renders per thread may wait. */
    public static RenderPool forNode(Vertx vertx) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new RenderPool(vertx, threads, threads * 8);
    }

    /** Runs {@code job} on the pool, or fails with 503 ({@link RenderedErrors#BUSY}) when full. */
    public <T> Future<T> submit(Callable<T> job) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return Future.failedFuture(RenderedErrors.busy());
        }
        return workers.executeBlocking(job, false).onComplete(r -> pending.decrementAndGet());
    }

    /** Removes a scratch file if it is there, outside the bound: cleaning up is never refused. */
    public Future<Void> discard(java.nio.file.Path file) {
        return vertx.fileSystem().exists(file.toString())
                .compose(there -> there ? vertx.fileSystem().delete(file.toString()) : Future.succeededFuture())
                .otherwiseEmpty();
    }

    /** Renders running or waiting now. */
    public int pending() {
        return pending.get();
    }

    @Override
    public void close() {
        workers.close();
    }
}
