package org.telecare.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A search of the trail: a time range (required, {@code from <= time < to}, at most
 * {@link #MAX_SPAN}), optional filters, a page size and the cursor of the previous page.
 * With an actor, the actor index is read; otherwise the day index. Other filters are applied
 * to what those indexes hold.
 *
 * <p>Build with {@link #between} and the {@code with…} methods:
 * {@code AuditQuery.between(from, to).withActor("u-1").withActionPrefix("auth.").withLimit(50)}.
 *
 * @param actionPrefix matches the action itself or any action below it: {@code auth.login}
 *                     matches {@code auth.login} and {@code auth.login.failed}; {@code auth.}
 *                     matches every {@code auth.*}
 * @param cursor       {@link AuditPage#nextCursor()} of the previous page of the same query
 * @param newestFirst  order of the results (default newest first)
 */
public record AuditQuery(Instant from, Instant to, Optional<String> actor, Optional<String> actionPrefix,
                         Optional<AuditResult> result, Optional<String> actorHospital,
                         Optional<String> targetType, Optional<String> targetId,
                         int limit, Optional<String> cursor, boolean newestFirst) {

    public static final Duration MAX_SPAN = Duration.ofDays(400);
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the time range is empty: from " + from + " is not before to " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new IllegalArgumentException("the time range spans more than " + MAX_SPAN.toDays() + " days");
        }
        if (from.isBefore(Instant.EPOCH) || to.isAfter(Instant.parse("9999-12-31T23:59:59.999Z"))) {
            throw new IllegalArgumentException("the time range must lie within 1970..9999");
        }
        actor = blankToEmpty(actor);
        actionPrefix = blankToEmpty(actionPrefix);
        result = Objects.requireNonNull(result, "result");
        actorHospital = blankToEmpty(actorHospital);
        targetType = blankToEmpty(targetType);
        targetId = blankToEmpty(targetId);
        cursor = blankToEmpty(cursor);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Everything in {@code [from, to)}, newest first, {@value #DEFAULT_LIMIT} per page. */
    public static AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(from, to, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), DEFAULT_LIMIT, Optional.empty(), true);
    }

    public AuditQuery withActor(String value) {
        return new AuditQuery(from, to, Optional.ofNullable(value), actionPrefix, result, actorHospital, targetType,
                targetId, limit, cursor, newestFirst);
    }

    public AuditQuery withActionPrefix(String value) {
        return new AuditQuery(from, to, actor, Optional.ofNullable(value), result, actorHospital, targetType,
                targetId, limit, cursor, newestFirst);
    }

    public AuditQuery withResult(AuditResult value) {
        return new AuditQuery(from, to, actor, actionPrefix, Optional.ofNullable(value), actorHospital, targetType,
                targetId, limit, cursor, newestFirst);
    }

    /** Only events of actors of this hospital (a hospital auditor's scope). */
    public AuditQuery withActorHospital(String value) {
        return new AuditQuery(from, to, actor, actionPrefix, result, Optional.ofNullable(value), targetType,
                targetId, limit, cursor, newestFirst);
    }

    public AuditQuery withTarget(String type, String id) {
        return new AuditQuery(from, to, actor, actionPrefix, result, actorHospital, Optional.ofNullable(type),
                Optional.ofNullable(id), limit, cursor, newestFirst);
    }

    public AuditQuery withLimit(int value) {
        return new AuditQuery(from, to, actor, actionPrefix, result, actorHospital, targetType, targetId, value,
                cursor, newestFirst);
    }

    public AuditQuery withCursor(String value) {
        return new AuditQuery(from, to, actor, actionPrefix, result, actorHospital, targetType, targetId, limit,
                Optional.ofNullable(value), newestFirst);
    }

    public AuditQuery oldestFirst() {
        return new AuditQuery(from, to, actor, actionPrefix, result, actorHospital, targetType, targetId, limit,
                cursor, false);
    }

    /** Whether an event passes every filter (the time range included). */
    boolean matches(AuditEvent e) {
        if (e.time().isBefore(from) || !e.time().isBefore(to)) {
            return false;
        }
        if (actor.isPresent() && !actor.get().equals(e.actor())) {
            return false;
        }
        if (actionPrefix.isPresent()) {
            String p = actionPrefix.get();
            String a = e.action();
            boolean below = p.endsWith(".") ? a.startsWith(p) : a.equals(p) || a.startsWith(p + ".");
            if (!below) {
                return false;
            }
        }
        if (result.isPresent() && result.get() != e.result()) {
            return false;
        }
        if (actorHospital.isPresent() && !actorHospital.get().equals(e.actorHospital())) {
            return false;
        }
        if (targetType.isPresent() && !targetType.get().equals(e.targetType())) {
            return false;
        }
        return targetId.isEmpty() || targetId.get().equals(e.targetId());
    }

    private static Optional<String> blankToEmpty(Optional<String> value) {
        return Objects.requireNonNull(value).filter(s -> !s.isBlank());
    }
}
