package org.telecare.accounts.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sessions in the record store, so that any node of the cluster recognises a browser signed in
 * on another. The record's TTL is the idle timeout; activity pushes it forward.
 */
public final class SessionStore {
    public static final TableSpec SESSIONS = TableSpec.plain("acct_session");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RecordStore store;
    private final SessionSettings settings;
    private final Clock clock;

    public SessionStore(RecordStore store, SessionSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new session; the returned token goes into the cookie and is not kept. */
    public Future<IssuedSession> open(String userId, String ip, boolean totpPending) {
        String token = randomToken();
        Instant now = clock.instant();
        Session s = new Session(keyOf(token), userId, randomToken(), now, now, ip, totpPending);
        return store.put(SESSIONS, RecordKey.of(s.id(), ""), bytes(s), settings.idleTimeout())
                .map(new IssuedSession(token, s));
    }

    /** The live session for a cookie token, refreshing its idle timer when due. */
    public Future<Optional<Session>> find(String token) {
        if (token == null || token.length() != 43) {
            return Future.succeededFuture(Optional.empty());
        }
        String id = keyOf(token);
        return store.get(SESSIONS, RecordKey.of(id, "")).compose(r -> {
            if (r.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            Session s = Session.fromJson(id, new JsonObject(new String(r.get().value(), StandardCharsets.UTF_8)));
            Instant now = clock.instant();
            if (now.isAfter(s.createdAt().plus(settings.maxLifetime()))
                    || now.isAfter(s.lastSeenAt().plus(settings.idleTimeout()))) {
                return close(token).map(Optional.empty());
            }
            if (Duration.between(s.lastSeenAt(), now).compareTo(settings.touchInterval()) < 0) {
                return Future.succeededFuture(Optional.of(s));
            }
            Session touched = s.seenAt(now);
            return store.put(SESSIONS, RecordKey.of(id, ""), bytes(touched), settings.idleTimeout())
                    .map(Optional.of(touched));
        });
    }

    /** The session after its user completed two-factor enrolment. */
    public Future<Void> markEnrolled(Session s) {
        return store.put(SESSIONS, RecordKey.of(s.id(), ""), bytes(s.enrolled()), settings.idleTimeout());
    }

    public Future<Void> close(String token) {
        return store.delete(SESSIONS, RecordKey.of(keyOf(token), ""));
    }

    private static byte[] bytes(Session s) {
        return s.toJson().encode().getBytes(StandardCharsets.UTF_8);
    }

    private static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String keyOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session with the token the browser holds. */
    public record IssuedSession(String token, Session session) {
    }
}
