package org.telecare.archive.routing;

import io.vertx.core.json.JsonObject;
import org.telecare.archive.ingest.NewInstance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One stored instance to send to one destination (ARC-3). The id starts with the destination
 * in hex, so the job's partition follows from its id alone, then the creation time, so a
 * destination's jobs go out in arrival order.
 *
 * @param blob         the stored object's blob (SHA-256 hex): the bytes sent are the bytes stored
 * @param claimedBy    the node sending it, while {@link JobState#SENDING}
 * @param claimedUntil when that claim lapses (the node may have died)
 */
public record ForwardJob(String id, String destination, String sopClassUid, String sopInstanceUid,
                         String studyInstanceUid, String transferSyntaxUid, String blob, JobState state, int attempts,
                         Instant createdAt, Instant nextAttemptAt, Optional<String> lastError,
                         Optional<String> claimedBy, Optional<Instant> claimedUntil) {
    public ForwardJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }

    static ForwardJob create(NewInstance i, String destination, Instant now) {
        String id = HexFormat.of().formatHex(destination.getBytes(StandardCharsets.US_ASCII)) + "-"
                + String.format("%013d", now.toEpochMilli()) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return new ForwardJob(id, destination, i.sopClassUid(), i.sopInstanceUid(), i.studyInstanceUid(),
                i.location().transferSyntaxUid(), i.location().blob().sha256(), JobState.PENDING, 0, now, now,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The destination encoded in a job id, if the id is well formed. */
    static Optional<String> destinationOf(String id) {
        int dash = id == null ? -1 : id.indexOf('-');
        if (dash < 2 || dash > 32 || id.length() > 80) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(HexFormat.of().parseHex(id.substring(0, dash)), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    ForwardJob claimed(String node, Instant until) {
        return new ForwardJob(id, destination, sopClassUid, sopInstanceUid, studyInstanceUid, transferSyntaxUid, blob,
                JobState.SENDING, attempts, createdAt, nextAttemptAt, lastError, Optional.of(node), Optional.of(until));
    }

    ForwardJob attemptFailed(String error, Instant next) {
        return new ForwardJob(id, destination, sopClassUid, sopInstanceUid, studyInstanceUid, transferSyntaxUid, blob,
                JobState.PENDING, attempts + 1, createdAt, next, Optional.of(error), Optional.empty(), Optional.empty());
    }

    ForwardJob failed(String error) {
        return new ForwardJob(id, destination, sopClassUid, sopInstanceUid, studyInstanceUid, transferSyntaxUid, blob,
                JobState.FAILED, attempts + 1, createdAt, nextAttemptAt, Optional.of(error), Optional.empty(),
                Optional.empty());
    }

    /** A manual retry: a fresh series of attempts, now. */
    ForwardJob retried(Instant now) {
        return new ForwardJob(id, destination, sopClassUid, sopInstanceUid, studyInstanceUid, transferSyntaxUid, blob,
                JobState.PENDING, 0, createdAt, now, lastError, Optional.empty(), Optional.empty());
    }

    /** Whether a sender may take it now. */
    boolean due(Instant now) {
        return switch (state) {
            case PENDING -> !nextAttemptAt.isAfter(now);
            case SENDING -> claimedUntil.map(u -> u.isBefore(now)).orElse(true);
            case FAILED -> false;
        };
    }

    public JsonObject toJson() {
        JsonObject j = new JsonObject().put("id", id).put("destination", destination).put("sopClassUid", sopClassUid)
                .put("sopInstanceUid", sopInstanceUid).put("studyInstanceUid", studyInstanceUid)
                .put("transferSyntaxUid", transferSyntaxUid).put("blob", blob).put("state", state.code())
                .put("attempts", attempts).put("createdAt", createdAt.toString())
                .put("nextAttemptAt", nextAttemptAt.toString());
        lastError.ifPresent(e -> j.put("lastError", e));
        claimedBy.ifPresent(n -> j.put("claimedBy", n));
        claimedUntil.ifPresent(u -> j.put("claimedUntil", u.toString()));
        return j;
    }

    static ForwardJob fromJson(JsonObject j) {
        return new ForwardJob(j.getString("id"), j.getString("destination"), j.getString("sopClassUid"),
                j.getString("sopInstanceUid"), j.getString("studyInstanceUid"), j.getString("transferSyntaxUid"),
                j.getString("blob"), JobState.valueOf(j.getString("state").toUpperCase(java.util.Locale.ROOT)),
                j.getInteger("attempts"), Instant.parse(j.getString("createdAt")),
                Instant.parse(j.getString("nextAttemptAt")), Optional.ofNullable(j.getString("lastError")),
                Optional.ofNullable(j.getString("claimedBy")),
                Optional.ofNullable(j.getString("claimedUntil")).map(Instant::parse));
    }

    byte[] encode() {
        return toJson().encode().getBytes(StandardCharsets.UTF_8);
    }
}
