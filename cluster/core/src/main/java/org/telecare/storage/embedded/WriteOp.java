package org.telecare.storage.embedded;

import java.util.concurrent.CompletableFuture;

/**
 * A change queued for the single writer thread. Applying changes on one thread, in queue order,
 * is what makes compare-and-set linearizable here; committing a whole batch at once
 * (group commit) is what keeps fsync-per-acknowledgement affordable.
 */
sealed interface WriteOp {
    String table();

    String mapKey();

    CompletableFuture<Object> done();

    /** Unconditional put ({@code expected == null}), or conditional on absence/version. */
    record Put(String table, String mapKey, byte[] value, long expiresAtMillis, Condition condition,
               CompletableFuture<Object> done) implements WriteOp {
    }

    record Delete(String table, String mapKey, Condition condition,
                  CompletableFuture<Object> done) implements WriteOp {
    }

    /** Removes a record only if it is (still) the expired one the sweeper saw. */
    record Expire(String table, String mapKey, long expiresAtMillis, String expiryKey,
                  CompletableFuture<Object> done) implements WriteOp {
    }

    sealed interface Condition {
        Condition NONE = new None();
        Condition ABSENT = new Absent();

        record None() implements Condition {
        }

        record Absent() implements Condition {
        }

        record AtVersion(long version) implements Condition {
        }
    }
}
