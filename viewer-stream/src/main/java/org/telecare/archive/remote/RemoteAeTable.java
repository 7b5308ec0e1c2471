package org.telecare.archive.remote;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;
import org.telecare.storage.snapshot.TableSnapshot;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The remote AE registry (ARC-2, ARC-3, ARC-9) in table {@code archive_remote_ae}, one small
 * partition ({@code "ae"}, clustering = AE title), read through a {@link TableSnapshot} so that
 * association negotiation and C-MOVE lookups never wait for storage. Each row's host is also
 * resolved (off the event loop, at each reload) for the {@code checkHost} caller policy.
 */
public final class RemoteAeTable implements RemoteAes {
    static final TableSpec TABLE = TableSpec.plain("archive_remote_ae");
    static final String PARTITION = "ae";
    public static final SchemaMigration MIGRATION = new SchemaMigration("archive-remote", 1,
            "known remote AEs", List.of(TABLE));

    private final Vertx vertx;
    private final RecordStore store;
    private final TableSnapshot<KnownAe> snapshot;
    private volatile Map<String, KnownAe> byTitle = Map.of();
    private volatile Map<String, Set<InetAddress>> addresses = Map.of();

    public RemoteAeTable(Vertx vertx, RecordStore store, Duration refresh) {
        this.vertx = vertx;
        this.store = store;
        this.snapshot = new TableSnapshot<>(vertx, store, TABLE, PARTITION, RemoteAeTable::decode, refresh);
        snapshot.onChange(this::index);
    }

    /** Loads the registry, then writes the configured AEs (added or updated; others are left alone). */
    public Future<Void> start(List<KnownAe> configured) {
        return snapshot.start().compose(v -> {
            Future<Void> all = Future.succeededFuture();
            for (KnownAe k : configured) {
                all = all.compose(x -> write(k));
            }
            return all;
        }).compose(v -> configured.isEmpty() ? Future.succeededFuture() : snapshot.changed());
    }

    public void close() {
        snapshot.close();
    }

    @Override
    public Optional<RemoteAe> byTitle(String aeTitle) {
        return known(aeTitle).map(KnownAe::ae);
    }

    public Optional<KnownAe> known(String aeTitle) {
        return aeTitle == null ? Optional.empty() : Optional.ofNullable(byTitle.get(aeTitle.strip()));
    }

    @Override
    public Future<List<RemoteAe>> all() {
        return Future.succeededFuture(byTitle.values().stream().map(KnownAe::ae).toList());
    }

    /** Every row, by title. */
    public List<KnownAe> rows() {
        return List.copyOf(byTitle.values());
    }

    /**
     * Whether {@code address} is one of the addresses the AE's host resolved to at the last
     * reload (PS3.8 §7.1.1.3 leaves the caller check to the acceptor; an AE title alone is
     * trivially spoofed).
     */
    public boolean hostMatches(String aeTitle, InetAddress address) {
        Set<InetAddress> known = addresses.get(aeTitle.strip());
        return known != null && known.contains(address);
    }

    /** Adds or replaces a row; this node's copy includes it when the future completes. */
    public Future<Void> put(KnownAe k) {
        return write(k).compose(v -> snapshot.changed());
    }

    /** Removes a row; {@code false} when there was none. */
    public Future<Boolean> delete(String aeTitle) {
        RecordKey key = RecordKey.of(PARTITION, aeTitle);
        return store.get(TABLE, key).compose(r -> r.isEmpty() ? Future.succeededFuture(false)
                : store.delete(TABLE, key).compose(v -> snapshot.changed()).map(true));
    }

    private Future<Void> write(KnownAe k) {
        return store.put(TABLE, RecordKey.of(PARTITION, k.aeTitle()),
                RemoteAeJson.toJson(k).encode().getBytes(StandardCharsets.UTF_8));
    }

    private void index(List<KnownAe> rows) {
        Map<String, KnownAe> m = new LinkedHashMap<>();
        rows.forEach(k -> m.put(k.aeTitle(), k));
        byTitle = Map.copyOf(m);
        vertx.executeBlocking(() -> {
            Map<String, Set<InetAddress>> resolved = new HashMap<>();
            for (KnownAe k : rows) {
                try {
                    resolved.put(k.aeTitle(), Set.of(InetAddress.getAllByName(k.ae().host())));
                } catch (UnknownHostException e) {
                    resolved.put(k.aeTitle(), Set.of());
                }
            }
            return resolved;
        }, false).onSuccess(r -> addresses = Map.copyOf(r));
    }

    static KnownAe decode(StoredRecord r) {
        JsonObject j = new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
        boolean fromConfig = "config".equals(j.remove("source"));
        return RemoteAeJson.parse(j, Optional.empty(), fromConfig);
    }
}
