package org.telecare.archive.routing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.telecare.archive.ingest.NewInstance;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;
import org.telecare.storage.snapshot.TableSnapshot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The routing rules, in table {@code archive_route_rule} (one partition {@code "rule"},
 * clustering = rule name), read through a {@link TableSnapshot} so that matching each stored
 * instance costs no I/O. The table is the one source of truth: rules in
 * {@code modules.archive.routing} are written into it at each start (added or overwritten, marked
 * {@code source: config}); the admin API edits any rule, and a config rule edited or deleted
 * there comes back as configured at the next start.
 */
public final class RoutingRules {
    static final TableSpec TABLE = TableSpec.plain("archive_route_rule");
    static final String PARTITION = "rule";

    private final RecordStore store;
    private final TableSnapshot<RoutingRule> snapshot;

    public RoutingRules(Vertx vertx, RecordStore store, Duration refresh) {
        this.store = store;
        this.snapshot = new TableSnapshot<>(vertx, store, TABLE, PARTITION, RoutingRules::decode, refresh);
    }

    public Future<Void> start(List<RoutingRule> configured) {
        return snapshot.start().compose(v -> {
            Future<Void> all = Future.succeededFuture();
            for (RoutingRule r : configured) {
                all = all.compose(x -> write(r));
            }
            return all;
        }).compose(v -> configured.isEmpty() ? Future.succeededFuture() : snapshot.changed());
    }

    public void close() {
        snapshot.close();
    }

    public List<RoutingRule> all() {
        return snapshot.current();
    }

    public Optional<RoutingRule> byName(String name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The destinations of the rules that match, each once. */
    public Set<String> destinationsFor(NewInstance instance) {
        Set<String> out = new LinkedHashSet<>();
        for (RoutingRule r : all()) {
            if (r.matches(instance)) {
                out.add(r.destination());
            }
        }
        return out;
    }

    public Future<Void> put(RoutingRule rule) {
        return write(rule).compose(v -> snapshot.changed());
    }

    public Future<Boolean> delete(String name) {
        RecordKey key = RecordKey.of(PARTITION, name);
        return store.get(TABLE, key).compose(r -> r.isEmpty() ? Future.succeededFuture(false)
                : store.delete(TABLE, key).compose(v -> snapshot.changed()).map(true));
    }

    private Future<Void> write(RoutingRule r) {
        return store.put(TABLE, RecordKey.of(PARTITION, r.name()), r.toJson().encode().getBytes(StandardCharsets.UTF_8));
    }

    static RoutingRule decode(StoredRecord r) {
        JsonObject j = new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
        boolean fromConfig = "config".equals(j.remove("source"));
        return RoutingRule.parse(j, Optional.empty(), fromConfig);
    }
}
