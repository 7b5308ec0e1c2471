package org.telecare.audit;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * An event as it stands in the chain.
 *
 * @param seq      position in the chain, from 1, without gaps
 * @param prevHash hash of entry {@code seq - 1} (64 zeros for the first entry), lower-case hex
 * @param hash     {@code SHA-256(prevHash bytes || UTF-8 canonical event JSON)}, lower-case hex
 */
public record AuditEntry(long seq, String prevHash, String hash, AuditEvent event) {
    public AuditEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, got " + seq);
        }
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(event, "event");
    }

    /** For an HTTP response: the event's fields plus {@code seq}, {@code prevHash} and {@code hash}. */
    public JsonObject toJson() {
        return new JsonObject().put("seq", seq).mergeIn(event.toJson()).put("prevHash", prevHash).put("hash", hash);
    }
}
