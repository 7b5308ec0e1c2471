package org.telecare.accounts.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.credentials.Captcha;
import org.telecare.accounts.credentials.CaptchaAnswer;
import org.telecare.accounts.credentials.CaptchaChallenge;
import org.telecare.accounts.credentials.FailureState;
import org.telecare.accounts.credentials.LoginDecision;
import org.telecare.accounts.credentials.LoginThrottle;
import org.telecare.storage.CasResult;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;
import org.telecare.web.ApiException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Lockout and captcha in front of the password check (SEC-2), with the failure count of each
 * login kept in the store under compare-and-set, so that attempts spread over several nodes
 * count together and concurrent attempts are not lost. Unknown logins are throttled exactly
 * like real ones, so the answers reveal nothing about which logins exist.
 */
public final class LoginGate {
    public static final TableSpec LOGIN_STATE = TableSpec.withCompareAndSet("acct_login_state");
    public static final TableSpec CAPTCHAS = TableSpec.withCompareAndSet("acct_captcha");
    private static final int CAS_ATTEMPTS = 16;

    private final Vertx vertx;
    private final RecordStore store;
    private final LoginThrottle throttle;
    private final Captcha captcha;
    private final Clock clock;
    private final Duration stateTtl;

    public LoginGate(Vertx vertx, RecordStore store, LoginThrottle throttle, Captcha captcha, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.throttle = throttle;
        this.captcha = captcha;
        this.clock = clock;
        Duration longest = throttle.policy().lockDuration().compareTo(throttle.policy().resetAfter()) > 0
                ? throttle.policy().lockDuration() : throttle.policy().resetAfter();
        this.stateTtl = longest.plusMinutes(1);
    }

    private static RecordKey key(String login) {
        return RecordKey.of(login.toLowerCase(Locale.ROOT), "");
    }

    /** Fails with 429 while locked, 401 when a captcha is due and missing or wrong. */
    public Future<Void> admit(String login, JsonObject captchaAnswer) {
        return state(login).compose(s -> switch (throttle.decide(s.state())) {
            case LoginDecision.Allowed allowed -> Future.succeededFuture();
            case LoginDecision.Locked locked -> Future.failedFuture(new ApiException(429, AccountErrors.ACCOUNT_LOCKED,
                    "too many failed sign-ins; this account is locked until " + locked.until()));
            case LoginDecision.CaptchaRequired required -> captchaAnswer == null
                    ? Future.failedFuture(new ApiException(401, AccountErrors.CAPTCHA_REQUIRED,
                            "a captcha is required: GET /api/v1/auth/captcha, then send {\"captcha\":{\"id\":…,\"answer\":…}}"))
                    : consumeCaptcha(captchaAnswer);
        });
    }

    /** Counts a failure; completes with the new state (locked or not). */
    public Future<FailureState> failed(String login) {
        return update(login, CAS_ATTEMPTS);
    }

    public Future<Void> succeeded(String login) {
        return state(login).compose(s -> s.record().isEmpty() ? Future.succeededFuture()
                : store.deleteIfVersion(LOGIN_STATE, key(login), s.record().get().version()).mapEmpty());
    }

    /** Forgets the failures and any lock of a login (an administrator's manual unlock, SEC-2). */
    public Future<Void> unlock(String login) {
        return succeeded(login);
    }

    /** A new challenge: its id and the image as a data URL. The answer stays on the server. */
    public Future<JsonObject> newCaptcha() {
        return vertx.executeBlocking(captcha::generate, false).compose(c -> {
            JsonObject stored = new JsonObject().put("hash", c.answerHash()).put("expiresAt", c.expiresAt().toString());
            return store.putIfAbsent(CAPTCHAS, RecordKey.of(c.id(), ""), stored.encode().getBytes(StandardCharsets.UTF_8),
                            Duration.between(clock.instant(), c.expiresAt()).plusSeconds(5))
                    .map(r -> new JsonObject().put("id", c.id()).put("expiresAt", c.expiresAt().toString())
                            .put("image", "data:image/png;base64," + Base64.getEncoder().encodeToString(c.png())));
        });
    }

    /** A challenge answers once: it is deleted (compare-and-set, one winner) before it is checked. */
    private Future<Void> consumeCaptcha(JsonObject answer) {
        String id = answer.getValue("id") instanceof String s && s.length() <= 64 ? s : null;
        String text = answer.getValue("answer") instanceof String s && s.length() <= 32 ? s : null;
        ApiException wrong = new ApiException(401, AccountErrors.CAPTCHA_WRONG,
                "the captcha answer is wrong or expired; fetch a new one");
        if (id == null || id.isEmpty() || text == null) {
            return Future.failedFuture(wrong);
        }
        RecordKey key = RecordKey.of(id, "");
        return store.get(CAPTCHAS, key).compose(r -> {
            if (r.isEmpty()) {
                return Future.failedFuture(wrong);
            }
            JsonObject stored = new JsonObject(new String(r.get().value(), StandardCharsets.UTF_8));
            return store.deleteIfVersion(CAPTCHAS, key, r.get().version()).compose(consumed ->
                    consumed.applied() && CaptchaAnswer.matches(stored.getString("hash"),
                            Instant.parse(stored.getString("expiresAt")), text, clock)
                            ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(wrong));
        });
    }

    private record Current(FailureState state, Optional<StoredRecord> record) {
    }

    private Future<Current> state(String login) {
        return store.get(LOGIN_STATE, key(login)).map(r -> new Current(
                r.map(x -> decode(new String(x.value(), StandardCharsets.UTF_8))).orElse(FailureState.CLEAR), r));
    }

    private Future<FailureState> update(String login, int attemptsLeft) {
        return state(login).compose(s -> {
            FailureState next = throttle.onFailure(s.state());
            byte[] value = encode(next).getBytes(StandardCharsets.UTF_8);
            Future<CasResult> write = s.record().isEmpty()
                    ? store.putIfAbsent(LOGIN_STATE, key(login), value, stateTtl)
                    : store.replaceIfVersion(LOGIN_STATE, key(login), s.record().get().version(), value, stateTtl);
            return write.compose(r -> {
                if (r.applied()) {
                    return Future.succeededFuture(next);
                }
                if (attemptsLeft <= 1) {
                    return Future.failedFuture(new IllegalStateException("login state of " + login + " stayed contended"));
                }
                return update(login, attemptsLeft - 1);
            });
        });
    }

    private static String encode(FailureState s) {
        return new JsonObject().put("failures", s.failures())
                .put("lockedUntil", s.lockedUntil().map(Instant::toString).orElse(null))
                .put("lastFailure", s.lastFailure().toString()).encode();
    }

    private static FailureState decode(String json) {
        JsonObject j = new JsonObject(json);
        return new FailureState(j.getInteger("failures", 0),
                Optional.ofNullable(j.getString("lockedUntil")).map(Instant::parse),
                Instant.parse(j.getString("lastFailure")));
    }
}
