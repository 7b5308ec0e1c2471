package org.telecare.accounts.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.accounts.credentials.Base32;
import org.telecare.accounts.credentials.Totp;
import org.telecare.storage.CasResult;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * TOTP two-factor sign-in (SEC-3, RFC 6238): enrolment, confirmation with a first code, and the
 * check at sign-in. The last accepted time step is kept under compare-and-set, so a code that
 * was seen once is refused everywhere in the cluster (no replay within its 30-second window).
 */
public final class TwoFactor {
    public static final TableSpec TOTP = TableSpec.withCompareAndSet("acct_totp");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a user has: a secret, whether it was confirmed, the last step used. */
    public record Enrolment(byte[] secret, boolean confirmed, long lastStep, long version) {
    }

    /** The outcome of a code check. */
    public enum Check { OK, WRONG, NOT_ENROLLED }

    private final RecordStore store;
    private final Totp totp;
    private final Set<String> requiredForRoles;

    public TwoFactor(RecordStore store, Totp totp, Set<String> requiredForRoles) {
        this.store = store;
        this.totp = totp;
        this.requiredForRoles = Set.copyOf(requiredForRoles);
    }

    /** Whether an administrator requires two-factor sign-in of one of these roles. */
    public boolean requiredFor(Set<String> roles) {
        return roles.stream().anyMatch(requiredForRoles::contains);
    }

    public Future<Optional<Enrolment>> enrolment(String userId) {
        return store.get(TOTP, RecordKey.of(userId, "")).map(r -> r.map(TwoFactor::decode));
    }

    /** Removes the enrolment (lost phone); the user enrols again at the next sign-in if required. */
    public Future<Boolean> reset(String userId) {
        RecordKey key = RecordKey.of(userId, "");
        return store.get(TOTP, key).compose(r -> r.isEmpty() ? Future.succeededFuture(false)
                : store.deleteIfVersion(TOTP, key, r.get().version()).map(CasResult::applied));
    }

    /** A new (unconfirmed) secret; replaces an unconfirmed one, never a confirmed one. */
    public Future<Optional<String>> enrol(String userId, String login) {
        byte[] secret = totp.newSecret(RANDOM);
        byte[] value = encode(secret, false, -1);
        RecordKey key = RecordKey.of(userId, "");
        return store.get(TOTP, key).compose(existing -> {
            if (existing.isPresent() && decode(existing.get()).confirmed()) {
                return Future.succeededFuture(Optional.<String>empty());
            }
            Future<CasResult> write = existing.isEmpty() ? store.putIfAbsent(TOTP, key, value, null)
                    : store.replaceIfVersion(TOTP, key, existing.get().version(), value, null);
            return write.map(r -> r.applied() ? Optional.of(totp.enrolmentUri(login, secret)) : Optional.<String>empty());
        });
    }

    /** Checks a code and, when right, records its step (confirming an enrolment on first use). */
    public Future<Check> check(String userId, String code) {
        RecordKey key = RecordKey.of(userId, "");
        return store.get(TOTP, key).compose(r -> {
            if (r.isEmpty()) {
                return Future.succeededFuture(Check.NOT_ENROLLED);
            }
            Enrolment e = decode(r.get());
            OptionalLong step = totp.verify(e.secret(), code == null ? "" : code,
                    e.lastStep() < 0 ? OptionalLong.empty() : OptionalLong.of(e.lastStep()));
            if (step.isEmpty()) {
                return Future.succeededFuture(Check.WRONG);
            }
            return store.replaceIfVersion(TOTP, key, e.version(), encode(e.secret(), true, step.getAsLong()), null)
                    // Losing the race means another request used a code of this user just now: refuse.
                    .map(w -> w.applied() ? Check.OK : Check.WRONG);
        });
    }

    private static byte[] encode(byte[] secret, boolean confirmed, long lastStep) {
        return new JsonObject().put("secret", Base32.encode(secret)).put("confirmed", confirmed).put("lastStep", lastStep)
                .encode().getBytes(StandardCharsets.UTF_8);
    }

    private static Enrolment decode(StoredRecord r) {
        JsonObject j = new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
        return new Enrolment(Base32.decode(j.getString("secret")), j.getBoolean("confirmed"), j.getLong("lastStep"),
                r.version());
    }
}
