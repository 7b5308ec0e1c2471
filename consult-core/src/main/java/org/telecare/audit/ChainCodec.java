package org.telecare.audit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of the chain: how an entry and the head are stored and how a hash is computed. The
 * event is kept as its canonical JSON text inside the entry, so that the hashed bytes are exactly
 * what is stored and verification never re-encodes anything.
 *
 * <p>Entry value: {@code {"seq":N,"prevHash":"hex","hash":"hex","event":"<canonical event JSON>"}}.
 * Head value: {@code {"seq":N,"hash":"hex"}}.
 */
final class ChainCodec {
    static final String GENESIS_HASH = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private ChainCodec() {
    }

    /** SHA-256 over the 32 raw bytes of {@code prevHash} followed by the UTF-8 canonical event. */
    static String hash(String prevHash, String canonicalEvent) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HEX.parseHex(prevHash));
            sha.update(canonicalEvent.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static boolean isHash(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** An entry as stored, with the exact canonical text of its event. */
    record Stored(long seq, String prevHash, String hash, String eventText) {
        static Stored create(long seq, String prevHash, String eventText) {
            return new Stored(seq, prevHash, ChainCodec.hash(prevHash, eventText), eventText);
        }

        byte[] encode() {
            return new JsonObject().put("seq", seq).put("prevHash", prevHash).put("hash", hash).put("event", eventText)
                    .encode().getBytes(StandardCharsets.UTF_8);
        }

        /** Whether the stored hash is the hash of the stored prevHash and event. */
        boolean selfConsistent() {
            return isHash(prevHash) && isHash(hash) && hash.equals(ChainCodec.hash(prevHash, eventText));
        }

        AuditEntry entry() {
            return new AuditEntry(seq, prevHash, hash, AuditEvent.fromJson(eventText));
        }

        /** Parses stored bytes; {@link IllegalArgumentException} when they are not an entry at all. */
        static Stored decode(byte[] value) {
            try {
                JsonObject o = new JsonObject(new String(value, StandardCharsets.UTF_8));
                Long seq = o.getLong("seq");
                String prev = o.getString("prevHash");
                String hash = o.getString("hash");
                String event = o.getString("event");
                if (seq == null || prev == null || hash == null || event == null) {
                    throw new IllegalArgumentException("entry lacks seq, prevHash, hash or event");
                }
                return new Stored(seq, prev, hash, event);
            } catch (DecodeException | ClassCastException e) {
                throw new IllegalArgumentException("undecodable entry: " + e.getMessage(), e);
            }
        }
    }

    /** The chain head: the last entry whose indexes are written and which later entries chain to. */
    record ChainHead(long seq, String hash, long version) {
        static ChainHead genesis() {
            return new ChainHead(0, GENESIS_HASH, -1);
        }

        static byte[] encode(long seq, String hash) {
            return new JsonObject().put("seq", seq).put("hash", hash).encode().getBytes(StandardCharsets.UTF_8);
        }

        static ChainHead decode(byte[] value, long version) {
            try {
                JsonObject o = new JsonObject(new String(value, StandardCharsets.UTF_8));
                return new ChainHead(o.getLong("seq"), o.getString("hash"), version);
            } catch (DecodeException | ClassCastException | NullPointerException e) {
                throw new IllegalStateException("the audit chain head record is corrupt: " + e.getMessage(), e);
            }
        }
    }
}
