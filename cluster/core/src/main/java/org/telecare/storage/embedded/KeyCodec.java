package org.telecare.storage.embedded;

import org.telecare.storage.RecordKey;

/**
 * Maps (table, partition, clustering) to one string key of a sorted map, such that the map's
 * order (String.compareTo, i.e. UTF-16 units) equals the order Cassandra uses for text (UTF-8
 * bytes, i.e. code points). Both backends must agree on range-read order.
 *
 * <p>UTF-16 order differs from code-point order only in that surrogates (U+D800–DFFF) sort
 * below U+E000–FFFF; shifting those two blocks past each other fixes it, bijectively. Parts are
 * joined by NUL, which {@link RecordKey} forbids inside keys and which sorts below every other
 * unit, so a partition's keys are contiguous and a prefix never runs into a longer partition.
 */
final class KeyCodec {
    static final char SEPARATOR = '\0';
    /** Sorts after SEPARATOR and before every encoded character: the end of a partition. */
    static final char PARTITION_END = '\u0001';

    private KeyCodec() {
    }

    static String key(RecordKey key) {
        return partitionStart(key.partition()) + encode(key.clustering());
    }

    /** The first possible key of a partition. */
    static String partitionStart(String partition) {
        return encode(partition) + SEPARATOR;
    }

    /** Just past the last possible key of a partition. */
    static String partitionEnd(String partition) {
        return encode(partition) + PARTITION_END;
    }

    static String clusteringOf(String mapKey) {
        return decode(mapKey.substring(mapKey.indexOf(SEPARATOR) + 1));
    }

    static String encode(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            char c = s.charAt(i);
            if (c >= 0xE000) {
                out[i] = (char) (c - 0x800);
            } else if (c >= 0xD800) {
                out[i] = (char) (c + 0x2000);
            } else {
                out[i] = c;
            }
        }
        return new String(out);
    }

    static String decode(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            char c = s.charAt(i);
            if (c >= 0xF800) {
                out[i] = (char) (c - 0x2000);
            } else if (c >= 0xD800) {
                out[i] = (char) (c + 0x800);
            } else {
                out[i] = c;
            }
        }
        return new String(out);
    }
}
