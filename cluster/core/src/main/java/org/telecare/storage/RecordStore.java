package org.telecare.storage;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Records addressed by {@link RecordKey} in declared {@link TableSpec tables}. A write is
 * acknowledged only once it is durable: on the embedded backend written and fsynced to the
 * node's disk, on Cassandra accepted at the configured consistency (LOCAL_QUORUM by default).
 *
 * <p>Values are opaque bytes; modules choose their encoding (usually JSON).
 */
public interface RecordStore {

    /** Largest value accepted; larger content belongs in the {@code BlobStore}. */
    int MAX_VALUE_BYTES = 1 << 20;

    /** Writes the record, replacing any previous one; {@code ttl} may be {@code null}. */
    Future<Void> put(TableSpec table, RecordKey key, byte[] value, Duration ttl);

    default Future<Void> put(TableSpec table, RecordKey key, byte[] value) {
        return put(table, key, value, null);
    }

    Future<Optional<StoredRecord>> get(TableSpec table, RecordKey key);

    Future<List<StoredRecord>> range(TableSpec table, RangeQuery query);

    /** Removes the record; removing an absent record is not an error. */
    Future<Void> delete(TableSpec table, RecordKey key);

    /** Writes the record only if none exists under the key. */
    Future<CasResult> putIfAbsent(TableSpec table, RecordKey key, byte[] value, Duration ttl);

    /** Replaces the record only if its current version is {@code expectedVersion}. */
    Future<CasResult> replaceIfVersion(TableSpec table, RecordKey key, long expectedVersion,
                                       byte[] value, Duration ttl);

    /** Deletes the record only if its current version is {@code expectedVersion}. */
    Future<CasResult> deleteIfVersion(TableSpec table, RecordKey key, long expectedVersion);
}
