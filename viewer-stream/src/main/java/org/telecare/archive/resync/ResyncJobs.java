package org.telecare.archive.resync;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Re-sync jobs in table {@code archive_resync_job}, one partition per job id; a job's record
 * lives for {@link #KEEP} (it is a status page, not the audit trail, which has its own entry).
 */
public final class ResyncJobs {
    static final TableSpec TABLE = TableSpec.plain("archive_resync_job");
    static final Duration KEEP = Duration.ofDays(30);

    private final RecordStore store;

    public ResyncJobs(RecordStore store) {
        this.store = store;
    }

    public Future<Void> save(ResyncJob job) {
        return store.put(TABLE, RecordKey.of(job.id(), ""), job.toJson().encode().getBytes(StandardCharsets.UTF_8), KEEP);
    }

    public Future<Optional<ResyncJob>> get(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return Future.succeededFuture(Optional.empty());
        }
        return store.get(TABLE, RecordKey.of(id, "")).map(r -> r.map(x ->
                ResyncJob.fromJson(new JsonObject(new String(x.value(), StandardCharsets.UTF_8)))));
    }
}
