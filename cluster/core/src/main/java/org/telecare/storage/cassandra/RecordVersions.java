package org.telecare.storage.cassandra;

import java.security.SecureRandom;

/**
 * Version tokens for record writes: random positive longs. Cassandra keeps no counter we could
 * increment atomically without a lightweight transaction, and 63 random bits make it practically
 * impossible for a write to reuse the version it replaces (compare-and-set relies on that) or
 * for two nodes to pick the same one.
 */
final class RecordVersions {
    private final SecureRandom random = new SecureRandom();

    long next() {
        long v;
        do {
            v = random.nextLong() & Long.MAX_VALUE;
        } while (v == 0);
        return v;
    }
}
