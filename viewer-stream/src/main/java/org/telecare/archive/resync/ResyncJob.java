package org.telecare.archive.resync;

import io.vertx.core.json.JsonObject;
import org.telecare.archive.remote.RetrieveMethod;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One manual re-sync of a study from a remote archive (ARC-9) and where it stands: the
 * sub-operation counts the remote reported (PS3.4 §C.4.2.1.4/§C.4.3.1.4), and the final status.
 */
public record ResyncJob(String id, String remoteAe, String studyInstanceUid, RetrieveMethod method, State state,
                        int completed, int failed, int warning, Optional<Integer> remaining, Optional<String> status,
                        Optional<String> error, String requestedBy, Instant startedAt, Optional<Instant> finishedAt) {

    public enum State {
        RUNNING, COMPLETED, FAILED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    ResyncJob progress(Integer remaining, int completed, int failed, int warning) {
        return new ResyncJob(id, remoteAe, studyInstanceUid, method, state, completed, failed, warning,
                Optional.ofNullable(remaining), status, error, requestedBy, startedAt, finishedAt);
    }

    ResyncJob finished(State end, Optional<String> status, Optional<String> error, Instant at) {
        return new ResyncJob(id, remoteAe, studyInstanceUid, method, end, completed, failed, warning,
                Optional.of(0).filter(x -> end == State.COMPLETED).or(() -> remaining), status, error, requestedBy,
                startedAt, Optional.of(at));
    }

    public JsonObject toJson() {
        JsonObject j = new JsonObject().put("id", id).put("remoteAe", remoteAe).put("studyInstanceUid", studyInstanceUid)
                .put("retrieve", method.code()).put("state", state.code()).put("completed", completed)
                .put("failed", failed).put("warning", warning).put("requestedBy", requestedBy)
                .put("startedAt", startedAt.toString());
        remaining.ifPresent(r -> j.put("remaining", r));
        status.ifPresent(s -> j.put("status", s));
        error.ifPresent(e -> j.put("error", e));
        finishedAt.ifPresent(f -> j.put("finishedAt", f.toString()));
        return j;
    }

    static ResyncJob fromJson(JsonObject j) {
        return new ResyncJob(j.getString("id"), j.getString("remoteAe"), j.getString("studyInstanceUid"),
                RetrieveMethod.ofCode(j.getString("retrieve")), State.valueOf(j.getString("state").toUpperCase(Locale.ROOT)),
                j.getInteger("completed"), j.getInteger("failed"), j.getInteger("warning"),
                Optional.ofNullable(j.getInteger("remaining")), Optional.ofNullable(j.getString("status")),
                Optional.ofNullable(j.getString("error")), j.getString("requestedBy"),
                Instant.parse(j.getString("startedAt")), Optional.ofNullable(j.getString("finishedAt")).map(Instant::parse));
    }
}
