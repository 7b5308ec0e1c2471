package org.telecare.accounts.sms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What is known about one login's SMS codes: the live code (as a hash), its wrong tries, and when
 * codes were sent in the last hour. Pure transitions; {@link SmsCodes} stores it under
 * compare-and-set so nodes count together.
 */
public record SmsCodeState(Optional<String> codeHash, Optional<Instant> expiresAt, int attempts, List<Instant> sent) {
    public static final SmsCodeState EMPTY = new SmsCodeState(Optional.empty(), Optional.empty(), 0, List.of());

    public SmsCodeState {
        sent = List.copyOf(sent);
    }

    /** Refused with how long to wait, or the new state holding {@code code}. */
    public sealed interface Issue {
        record Issued(SmsCodeState next) implements Issue {
        }

        record TooSoon(Duration retryAfter) implements Issue {
        }
    }

    public Issue issue(String login, String code, Instant now, SmsCodePolicy policy) {
        List<Instant> lastHour = new ArrayList<>(sent.stream().filter(t -> t.isAfter(now.minus(Duration.ofHours(1)))).toList());
        if (!lastHour.isEmpty()) {
            Instant latest = lastHour.getLast();
            Duration wait = Duration.between(now, latest.plus(policy.resendAfter()));
            if (wait.isPositive()) {
                return new Issue.TooSoon(wait);
            }
        }
        if (lastHour.size() >= policy.maxPerHour()) {
            return new Issue.TooSoon(Duration.between(now, lastHour.getFirst().plus(Duration.ofHours(1))));
        }
        lastHour.add(now);
        return new Issue.Issued(new SmsCodeState(Optional.of(hash(login, code)), Optional.of(now.plus(policy.validFor())),
                0, lastHour));
    }

    public enum Check { OK, WRONG, NONE }

    /** Whether {@code code} is the live code; a code is spent by a right answer or too many wrong ones. */
    public Check check(String login, String code, Instant now, SmsCodePolicy policy) {
        if (codeHash.isEmpty() || expiresAt.map(now::isAfter).orElse(true) || attempts >= policy.maxAttempts()) {
            return Check.NONE;
        }
        return MessageDigest.isEqual(codeHash.get().getBytes(StandardCharsets.US_ASCII),
                hash(login, code).getBytes(StandardCharsets.US_ASCII)) ? Check.OK : Check.WRONG;
    }

    public SmsCodeState spent() {
        return new SmsCodeState(Optional.empty(), Optional.empty(), 0, sent);
    }

    public SmsCodeState wrongTry() {
        return new SmsCodeState(codeHash, expiresAt, attempts + 1, sent);
    }

    /** The code is short, so the hash is only against reading it off a backup; tries are what the limits bound. */
    static String hash(String login, String code) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest((login + "\u0000" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonObject toJson() {
        JsonObject j = new JsonObject().put("attempts", attempts)
                .put("sent", new JsonArray(sent.stream().map(Instant::toString).toList()));
        codeHash.ifPresent(h -> j.put("codeHash", h));
        expiresAt.ifPresent(e -> j.put("expiresAt", e.toString()));
        return j;
    }

    static SmsCodeState fromJson(JsonObject j) {
        List<Instant> sent = new ArrayList<>();
        j.getJsonArray("sent", new JsonArray()).forEach(s -> sent.add(Instant.parse((String) s)));
        return new SmsCodeState(Optional.ofNullable(j.getString("codeHash")),
                Optional.ofNullable(j.getString("expiresAt")).map(Instant::parse), j.getInteger("attempts", 0), sent);
    }
}
