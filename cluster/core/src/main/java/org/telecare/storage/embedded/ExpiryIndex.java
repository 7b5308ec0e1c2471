package org.telecare.storage.embedded;

/**
 * Keys of the expiry index: records with a TTL are listed by expiry time, so that sweeping
 * expired records reads only what is due instead of scanning every table. Fixed-width hex
 * keeps string order equal to time order.
 */
final class ExpiryIndex {
    private ExpiryIndex() {
    }

    static String key(long expiresAtMillis, String table, String mapKey) {
        return "%016x".formatted(expiresAtMillis) + '\u0002' + table + '\u0002' + mapKey;
    }

    static long expiresAt(String indexKey) {
        return Long.parseLong(indexKey.substring(0, 16), 16);
    }

    static String table(String indexKey) {
        int start = 17;
        return indexKey.substring(start, indexKey.indexOf('\u0002', start));
    }

    static String mapKey(String indexKey) {
        int tableEnd = indexKey.indexOf('\u0002', 17);
        return indexKey.substring(tableEnd + 1);
    }

    /** Just after every entry due at or before {@code nowMillis}. */
    static String dueBefore(long nowMillis) {
        return "%016x".formatted(nowMillis + 1);
    }
}
