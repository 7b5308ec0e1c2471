package org.telecare.accounts.policy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.telecare.access.policy.AccessDecision;
import org.telecare.access.policy.Baseline;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAction;
import org.telecare.access.policy.DataPolicy;
import org.telecare.access.policy.DataRequester;
import org.telecare.access.policy.DataResource;
import org.telecare.access.policy.PolicyEvaluator;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.TableSpec;
import org.telecare.storage.snapshot.TableSnapshot;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data policies of the platform (SEC-4), stored and answered from memory.
 *
 * <p>Table {@code acct_policies}: one partition, clustering = policy id, value = the policy as
 * JSON. Every node keeps the whole set in a {@link TableSnapshot}; a change made on one node
 * is seen on the others within moments (event bus) and at worst after {@link #REFRESH}.
 * Consult assignments will add per-exam grants with an end date here, so the set is expected
 * to reach thousands; a decision is a linear scan of it, microseconds per policy.
 */
public final class DataPolicies implements DataAccess {
    static final TableSpec POLICIES = TableSpec.plain("acct_policies");
    private static final String ALL = "all";
    static final Duration REFRESH = Duration.ofSeconds(30);
    public static final SchemaMigration MIGRATION = new SchemaMigration("accounts-policy", 1, "data access policies",
            List.of(POLICIES));

    private final RecordStore store;
    private final TableSnapshot<DataPolicy> snapshot;
    private final Set<String> protectedClasses;
    private final Baseline baseline;
    private final Clock clock;
    private volatile PolicyEvaluator evaluator;

    public DataPolicies(Vertx vertx, RecordStore store, Set<String> protectedClasses, Baseline baseline, Clock clock) {
        this.store = store;
        this.protectedClasses = Set.copyOf(protectedClasses);
        this.baseline = baseline;
        this.clock = clock;
        this.evaluator = new PolicyEvaluator(List.of(), protectedClasses, baseline);
        this.snapshot = new TableSnapshot<>(vertx, store, POLICIES, ALL,
                r -> PolicyJson.stored(new JsonObject(new String(r.value(), StandardCharsets.UTF_8))), REFRESH);
        snapshot.onChange(ps -> evaluator = new PolicyEvaluator(ps, this.protectedClasses, this.baseline));
    }

    public Future<Void> start() {
        return snapshot.start();
    }

    public void close() {
        snapshot.close();
    }

    @Override
    public AccessDecision decide(DataRequester requester, DataAction action, DataResource resource) {
        return evaluator.decide(requester, action, resource, clock.instant());
    }

    /** The decision at another moment: administrators asking "could she read it next week?". */
    public AccessDecision decideAt(DataRequester requester, DataAction action, DataResource resource,
                                   java.time.Instant at) {
        return evaluator.decide(requester, action, resource, at);
    }

    public List<DataPolicy> all() {
        return snapshot.current();
    }

    public Optional<DataPolicy> find(String id) {
        return snapshot.current().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Set<String> protectedClasses() {
        return protectedClasses;
    }

    /** Stores the policy; this node decides with it once the future completes. */
    public Future<Void> put(DataPolicy policy) {
        byte[] value = PolicyJson.toJson(policy).encode().getBytes(StandardCharsets.UTF_8);
        return store.put(POLICIES, RecordKey.of(ALL, policy.id()), value).compose(v -> snapshot.changed());
    }

    public Future<Void> delete(String id) {
        return store.delete(POLICIES, RecordKey.of(ALL, id)).compose(v -> snapshot.changed());
    }
}
