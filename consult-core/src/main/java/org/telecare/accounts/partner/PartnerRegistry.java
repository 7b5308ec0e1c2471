package org.telecare.accounts.partner;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.CasResult;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;
import org.telecare.web.ApiException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Partners in the record store, and the nonces they have used. Partners are few (tens per
 * region), so one partition holds them all; they are written through compare-and-set, so two
 * administrators changing one partner at once do not lose either change. A nonce is claimed with
 * {@code putIfAbsent} (one winner across all nodes) and expires by TTL once its timestamp can no
 * longer be accepted, so the nonce table cleans itself.
 */
public final class PartnerRegistry {
    public static final TableSpec PARTNERS = TableSpec.withCompareAndSet("acct_partner");
    public static final TableSpec NONCES = TableSpec.withCompareAndSet("acct_partner_nonce");
    public static final SchemaMigration MIGRATION = new SchemaMigration("accounts-partner", 1,
            "partner systems and their used request nonces", List.of(PARTNERS, NONCES));
    private static final String ALL = "all";
    private static final int CAS_ATTEMPTS = 16;
    private static final byte[] USED = {1};

    private final RecordStore store;

    public PartnerRegistry(RecordStore store) {
        this.store = store;
    }

    private static RecordKey key(String id) {
        return RecordKey.of(ALL, id);
    }

    private static byte[] bytes(Partner p) {
        return p.toStoredJson().encode().getBytes(StandardCharsets.UTF_8);
    }

    private static Partner decode(StoredRecord r) {
        return Partner.fromStoredJson(new JsonObject(new String(r.value(), StandardCharsets.UTF_8)));
    }

    /** Stores a new partner; fails if the id is taken. */
    public Future<Partner> create(Partner p) {
        return store.putIfAbsent(PARTNERS, key(p.id()), bytes(p), null).compose(r -> r.applied()
                ? Future.succeededFuture(p)
                : Future.failedFuture(new ApiException(409, PartnerErrors.PARTNER_ID_TAKEN,
                "partner id already taken: " + p.id())));
    }

    public Future<Optional<Partner>> find(String id) {
        return store.get(PARTNERS, key(id)).map(r -> r.map(PartnerRegistry::decode));
    }

    public Future<List<Partner>> all() {
        return store.range(PARTNERS, RangeQuery.all(ALL)).map(rs -> rs.stream().map(PartnerRegistry::decode).toList());
    }

    /** Applies {@code change} under compare-and-set (retrying on contention); empty if there is no such partner. */
    public Future<Optional<Partner>> update(String id, UnaryOperator<Partner> change) {
        return update(id, change, CAS_ATTEMPTS);
    }

    private Future<Optional<Partner>> update(String id, UnaryOperator<Partner> change, int attemptsLeft) {
        return store.get(PARTNERS, key(id)).compose(r -> {
            if (r.isEmpty()) {
                return Future.succeededFuture(Optional.<Partner>empty());
            }
            Partner next = change.apply(decode(r.get()));
            if (!next.id().equals(id)) {
                return Future.failedFuture(new IllegalArgumentException("a partner's id cannot change"));
            }
            return store.replaceIfVersion(PARTNERS, key(id), r.get().version(), bytes(next), null)
                    .compose((CasResult cas) -> {
                        if (cas.applied()) {
                            return Future.succeededFuture(Optional.of(next));
                        }
                        if (attemptsLeft <= 1) {
                            return Future.failedFuture(new IllegalStateException("partner " + id + " stayed contended"));
                        }
                        return update(id, change, attemptsLeft - 1);
                    });
        });
    }

    /**
     * Claims {@code nonce} for {@code partnerId}: true the first time, false when it was already
     * used and has not yet expired. {@code ttl} must cover the time the request's timestamp stays
     * acceptable, so that the nonce is remembered as long as a replay could be accepted.
     */
    public Future<Boolean> claimNonce(String partnerId, String nonce, Duration ttl) {
        return store.putIfAbsent(NONCES, RecordKey.of(partnerId + "/" + nonce, ""), USED, ttl).map(CasResult::applied);
    }
}
