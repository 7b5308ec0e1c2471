package org.telecare.bench.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator: keeps exactly {@code concurrency} operations in flight (fewer
 * only at the very end) until {@code total} operations have completed. Operations are issued
 * and completed on one Vert.x event-loop context, as a handler in the node would issue them, so
 * the latency of an operation is the time from its call to its completion handler running.
 *
 * <p>Closed loop means latency is service time under that concurrency: the next operation
 * waits for a free slot, so a stall delays the issue of later operations instead of showing up
 * in their latency (no correction for coordinated omission; throughput shows the stall).
 */
final class LoadRunner {
    /** 1 µs .. 10 min, three significant digits. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    /**
     * One operation: given its index (0 .. total-1), start it and return its future. A future
     * that completes with {@link Check#wrong(String)} counts as a failed operation.
     */
    interface Operation extends IntFunction<Future<?>> {
    }

    /** What an operation's future may carry to say that the answer was wrong. */
    record Check(String wrong) {
        static Check wrong(String why) {
            return new Check(why);
        }
    }

    private LoadRunner() {
    }

    static PhaseResult run(Vertx vertx, String backend, String operation, int total, int concurrency,
                           long bytesPerOp, Duration timeout, Operation op)
            throws InterruptedException, TimeoutException {
        if (total < 1 || concurrency < 1) {
            throw new IllegalArgumentException("total and concurrency must be positive");
        }
        Context context = vertx.getOrCreateContext();
        Loop loop = new Loop(context, total, op);
        context.runOnContext(v -> loop.start(Math.min(concurrency, total)));
        Loop.Outcome outcome;
        try {
            outcome = loop.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("load loop failed", e.getCause());
        } catch (TimeoutException e) {
            loop.abandon();
            throw new TimeoutException(backend + " / " + operation + ": not finished after " + timeout
                    + " (" + loop.completedSoFar() + " of " + total + " operations completed)");
        }
        return new PhaseResult(backend, operation, concurrency, outcome.succeeded, outcome.failed,
                outcome.elapsedNanos, bytesPerOp, outcome.histogram, outcome.failures);
    }

    /** All state is touched only on the context's thread. */
    private static final class Loop {
        record Outcome(long succeeded, long failed, long elapsedNanos, Histogram histogram,
                       Map<String, Long> failures) {
        }

        final CompletableFuture<Outcome> done = new CompletableFuture<>();
        private final Context context;
        private final int total;
        private final Operation op;
        private final Histogram histogram = new Histogram(1, HIGHEST_MICROS, 3);
        private final Map<String, Long> failures = new LinkedHashMap<>();
        private volatile int completed;
        private volatile boolean abandoned;
        private int next;
        private long succeeded;
        private long failed;
        private long startNanos;
        private boolean issuing;

        Loop(Context context, int total, Operation op) {
            this.context = context;
            this.total = total;
            this.op = op;
        }

        int completedSoFar() {
            return completed;
        }

        void abandon() {
            abandoned = true;
        }

        void start(int inFlight) {
            startNanos = System.nanoTime();
            for (int i = 0; i < inFlight; i++) {
                issue();
            }
        }

        private void issue() {
            if (abandoned || next >= total) {
                return;
            }
            int index = next++;
            long t0 = System.nanoTime();
            Future<?> future;
            issuing = true;
            try {
                future = op.apply(index);
            } catch (RuntimeException e) {
                future = Future.failedFuture(e);
            }
            future.onComplete(ar -> {
                long micros = Math.max(1, (System.nanoTime() - t0) / 1_000);
                if (ar.succeeded() && !(ar.result() instanceof Check)) {
                    succeeded++;
                    histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
                } else {
                    failed++;
                    String why = ar.succeeded() ? ((Check) ar.result()).wrong() : describe(ar.cause());
                    failures.merge(why, 1L, Long::sum);
                }
                completed++;
                if (completed == total) {
                    done.complete(new Outcome(succeeded, failed, System.nanoTime() - startNanos, histogram, failures));
                } else if (issuing) {
                    // Completed synchronously (e.g. refused at once): do not recurse.
                    context.runOnContext(v -> issue());
                } else {
                    issue();
                }
            });
            issuing = false;
        }
    }

    static String describe(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.length() > 160) {
            message = message.substring(0, 160) + "…";
        }
        return failure.getClass().getSimpleName() + ": " + message;
    }
}
