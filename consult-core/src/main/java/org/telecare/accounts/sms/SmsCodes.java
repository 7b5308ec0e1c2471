package org.telecare.accounts.sms;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.CasResult;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sign-in codes by SMS, per login, in table {@code acct_sms_codes} (compare-and-set, expiring an
 * hour after the last change). Every change is a read-modify-CAS loop, so two nodes asked at once
 * still send one code a minute and count wrong tries together.
 */
public final class SmsCodes {
    static final TableSpec CODES = TableSpec.withCompareAndSet("acct_sms_codes");
    public static final SchemaMigration MIGRATION = new SchemaMigration("accounts-sms", 1, "SMS sign-in codes",
            List.of(CODES));
    private static final Duration KEEP = Duration.ofHours(1);
    private static final int CAS_TRIES = 8;

    private final RecordStore store;
    private final SmsCodePolicy policy;
    private final Clock clock;
    private final SecureRandom random;

    public SmsCodes(RecordStore store, SmsCodePolicy policy, Clock clock, SecureRandom random) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    public SmsCodePolicy policy() {
        return policy;
    }

    /** A fresh code for {@code login} (the caller sends it), or how long to wait. */
    public record Issued(Optional<String> code, Duration retryAfter) {
    }

    public Future<Issued> issue(String login) {
        String key = normal(login);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < policy.digits(); i++) {
            code.append(random.nextInt(10));
        }
        Issued[] out = new Issued[1];
        return change(key, s -> switch (s.issue(key, code.toString(), clock.instant(), policy)) {
            case SmsCodeState.Issue.Issued i -> {
                out[0] = new Issued(Optional.of(code.toString()), policy.resendAfter());
                yield Optional.of(i.next());
            }
            case SmsCodeState.Issue.TooSoon t -> {
                out[0] = new Issued(Optional.empty(), t.retryAfter());
                yield Optional.empty();
            }
        }, CAS_TRIES).map(v -> out[0]);
    }

    /** Whether {@code code} signs {@code login} in; a right code is spent, a wrong one counted. */
    public Future<Boolean> verify(String login, String code) {
        String key = normal(login);
        boolean[] ok = new boolean[1];
        return change(key, s -> switch (s.check(key, code, clock.instant(), policy)) {
            case OK -> {
                ok[0] = true;
                yield Optional.of(s.spent());
            }
            case WRONG -> {
                ok[0] = false;
                yield Optional.of(s.wrongTry());
            }
            case NONE -> {
                ok[0] = false;
                yield Optional.empty();
            }
        }, CAS_TRIES).map(v -> ok[0]);
    }

    private Future<Void> change(String key, Function<SmsCodeState, Optional<SmsCodeState>> step, int tries) {
        RecordKey rk = RecordKey.of(key, "");
        return store.get(CODES, rk).compose(r -> {
            SmsCodeState now = r.map(SmsCodes::decode).orElse(SmsCodeState.EMPTY);
            Optional<SmsCodeState> next = step.apply(now);
            if (next.isEmpty()) {
                return Future.<Void>succeededFuture();
            }
            byte[] value = next.get().toJson().encode().getBytes(StandardCharsets.UTF_8);
            Future<CasResult> write = r.isEmpty() ? store.putIfAbsent(CODES, rk, value, KEEP)
                    : store.replaceIfVersion(CODES, rk, r.get().version(), value, KEEP);
            return write.compose(w -> {
                if (w.applied()) {
                    return Future.<Void>succeededFuture();
                }
                if (tries <= 1) {
                    return Future.failedFuture(new IllegalStateException("SMS code state of " + key + " stayed contended"));
                }
                return change(key, step, tries - 1);
            });
        });
    }

    private static SmsCodeState decode(StoredRecord r) {
        return SmsCodeState.fromJson(new JsonObject(new String(r.value(), StandardCharsets.UTF_8)));
    }

    private static String normal(String login) {
        return login.strip().toLowerCase(Locale.ROOT);
    }
}
