package org.telecare.audit;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * The outcome of {@link AuditTrail#verify}: the range checked and, if the chain is broken, the
 * first bad entry and why.
 *
 * @param fromSeq  first seq checked
 * @param toSeq    last seq checked (the requested end, clamped to the chain head); {@code fromSeq - 1}
 *                 when there was nothing to check
 * @param checked  how many entries were checked and found good before the first failure
 * @param headSeq  the chain head when verification started
 * @param failure  the first problem found, if any
 */
public record ChainVerification(long fromSeq, long toSeq, long checked, long headSeq, Optional<Failure> failure) {

    public enum Reason {
        /** No entry stored at this seq (deleted, or never completed). */
        GAP,
        /** The stored hash is not SHA-256(prevHash || event): the event or the hash was changed. */
        HASH_MISMATCH,
        /** The entry's prevHash is not the previous entry's hash: an entry was replaced or re-hashed. */
        PREV_HASH_MISMATCH,
        /** The stored bytes are not an entry, or the entry names another seq than where it is stored. */
        MALFORMED,
        /** The chain head names a hash other than its entry's. */
        HEAD_MISMATCH
    }

    public record Failure(long seq, Reason reason, String detail) {
    }

    public boolean ok() {
        return failure.isEmpty();
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("ok", ok()).put("fromSeq", fromSeq).put("toSeq", toSeq)
                .put("checked", checked).put("headSeq", headSeq);
        failure.ifPresent(f -> o.put("badSeq", f.seq()).put("reason", f.reason().name()).put("detail", f.detail()));
        return o;
    }
}
