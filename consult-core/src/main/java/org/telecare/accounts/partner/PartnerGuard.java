package org.telecare.accounts.partner;

import org.telecare.web.ClientAddress;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.audit.AuditEvent;
import org.telecare.audit.AuditResult;
import org.telecare.audit.AuditTrail;
import org.telecare.web.ApiException;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Authenticates requests of partner systems (CON-11, SEC-5): per-partner secret, HMAC-SHA256
 * request signature, timestamp within a window, single-use nonce, IP allow-list, permissions.
 *
 * <h2>The signing scheme</h2>
 * Every request carries four headers:
 * <pre>
 * X-Telecare-Partner:   the partner id
 * X-Telecare-Timestamp: the time of signing, in epoch seconds (decimal)
 * X-Telecare-Nonce:     16–64 characters of [A-Za-z0-9_-], never reused by this partner
 * X-Telecare-Signature: base64 (standard alphabet, padded) of HMAC-SHA256(secret, canonical)
 * </pre>
 * where the key is the 32-byte secret (as decoded from the base64 shown once at creation) and
 * {@code canonical} is the UTF-8 string of six lines joined by {@code \n} (no trailing newline):
 * <pre>
 * METHOD                 upper case: GET, POST …
 * PATH                   the path as sent, percent-encoding untouched, e.g. /api/v1/partner/v1/ping
 * SORTED_QUERY           the raw query without '?': parameters split on '&amp;', empty ones dropped,
 *                        "name" taken as "name=", sorted by name then by whole parameter (ordinal,
 *                        on the encoded text), joined with '&amp;'; empty line when there is none
 * TIMESTAMP              the X-Telecare-Timestamp header, verbatim
 * NONCE                  the X-Telecare-Nonce header, verbatim
 * hex(SHA-256(body))     lower-case hex of the body's SHA-256 (of zero bytes when there is no body)
 * </pre>
 *
 * <p>Example: partner {@code p-demo}, secret = the 32 bytes 0x00, 0x01, … 0x1f (base64
 * {@code AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}), signing
 * {@code POST /api/v1/partner/v1/echo?b=2&a=1} with body {@code {"x":1}} at 1767225600 with
 * nonce {@code n0nce-0123456789abcdef}. The canonical string is
 * <pre>
 * POST
 * /api/v1/partner/v1/echo
 * a=1&amp;b=2
 * 1767225600
 * n0nce-0123456789abcdef
 * 5041bf1f713df204784353e82f6a4a535931cb64f1f4b4a5aeaffcb720918b22
 * </pre>
 * and the header is {@code X-Telecare-Signature: krtrflT/u8YKdISYZEUqmjjp4lUReMZXIZAJ/At/kqs=}.
 * {@link PartnerSigner} implements exactly this.
 *
 * <h2>Checks, in order</h2>
 * <ol>
 *   <li>all four headers present and well formed, else 401 {@link PartnerErrors#SIGNATURE_HEADERS}
 *       (the message names the header);</li>
 *   <li>timestamp within ±{@link PartnerSettings#timestampWindow()} of the server clock, else 401
 *       {@link PartnerErrors#TIMESTAMP_OUT_OF_WINDOW};</li>
 *   <li>the partner exists and the signature verifies (constant-time compare), else 401
 *       {@link PartnerErrors#BAD_SIGNATURE} (one answer for both, so ids cannot be probed);</li>
 *   <li>the partner is enabled, else 403 {@link PartnerErrors#PARTNER_DISABLED};</li>
 *   <li>the socket's remote address (never {@code X-Forwarded-For}) is on the allow-list, else 403
 *       {@link PartnerErrors#IP_NOT_ALLOWED};</li>
 *   <li>the partner holds the route's permissions, else 403 {@link PartnerErrors#PARTNER_FORBIDDEN};</li>
 *   <li>the nonce was never used by this partner: it is claimed with compare-and-set (one winner
 *       on every node) and kept until the timestamp leaves the window, else 409
 *       {@link PartnerErrors#NONCE_REPLAYED}.</li>
 * </ol>
 * Every refusal is audited as {@code partner.denied} with the reason. On success the request's
 * {@link Principal} is {@code partner:<id>} of the partner's hospital with its permissions, under
 * {@link AccessGuard#PRINCIPAL_KEY}, and the {@link Partner} under {@link #PARTNER_KEY}.
 *
 * <p>The body must be buffered before the guard: put {@link #bodyHandler()} in front of it
 * (bodies over {@link PartnerSettings#maxBodyBytes()} are refused with 413).
 */
public final class PartnerGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerGuard.class);
    public static final String PARTNER_HEADER = "X-Telecare-Partner";
    public static final String TIMESTAMP_HEADER = "X-Telecare-Timestamp";
    public static final String NONCE_HEADER = "X-Telecare-Nonce";
    public static final String SIGNATURE_HEADER = "X-Telecare-Signature";
    /** Where an authenticated request's {@link Partner} is kept in the routing context. */
    public static final String PARTNER_KEY = "telecare.partner";
    /** The role name in a partner's {@link Principal}. */
    public static final String PARTNER_ROLE = "partner";

    static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TIMESTAMP = Pattern.compile("-?\\d{1,12}");
    static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{43}=");
    /** Kept a little longer than strictly needed, for clock differences between nodes and the store. */
    private static final Duration NONCE_MARGIN = Duration.ofMinutes(1);

    private final PartnerRegistry registry;
    private final AuditTrail audit;
    private final PartnerSettings settings;
    private final Clock clock;

    public PartnerGuard(PartnerRegistry registry, AuditTrail audit, PartnerSettings settings, Clock clock) {
        this.registry = registry;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    public PartnerSettings settings() {
        return settings;
    }

    /** Buffers the body (at most {@link PartnerSettings#maxBodyBytes()}, 413 beyond; no uploads) for the signature check. */
    public Handler<RoutingContext> bodyHandler() {
        return BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes());
    }

    /** A signed request of an enabled partner, from an allowed address, holding every one of {@code permissions}. */
    public Handler<RoutingContext> require(Permission... permissions) {
        Permission[] needed = permissions.clone();
        return ctx -> check(ctx, needed);
    }

    /** The partner of an authenticated request. */
    public static Partner partner(RoutingContext ctx) {
        Partner p = ctx.get(PARTNER_KEY);
        if (p == null) {
            throw new IllegalStateException("no partner: the route is missing a PartnerGuard handler");
        }
        return p;
    }

    private void check(RoutingContext ctx, Permission[] needed) {
        var req = ctx.request();
        String id = req.getHeader(PARTNER_HEADER);
        String timestamp = req.getHeader(TIMESTAMP_HEADER);
        String nonce = req.getHeader(NONCE_HEADER);
        String signature = req.getHeader(SIGNATURE_HEADER);
        String actor = id != null && PARTNER_ID.matcher(id).matches() ? "partner:" + id : "anonymous";

        List<String> missing = new ArrayList<>();
        for (String[] h : new String[][]{{PARTNER_HEADER, id}, {TIMESTAMP_HEADER, timestamp}, {NONCE_HEADER, nonce},
                {SIGNATURE_HEADER, signature}}) {
            if (h[1] == null || h[1].isBlank()) {
                missing.add(h[0]);
            }
        }
        if (!missing.isEmpty()) {
            deny(ctx, actor, null, "missing " + String.join(", ", missing),
                    PartnerErrors.headers("missing signing header" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing)));
            return;
        }
        String malformed = !PARTNER_ID.matcher(id).matches() ? PARTNER_HEADER + " must be 1-64 characters of [A-Za-z0-9_-]"
                : !TIMESTAMP.matcher(timestamp).matches() ? TIMESTAMP_HEADER + " must be epoch seconds (decimal)"
                : !NONCE.matcher(nonce).matches() ? NONCE_HEADER + " must be 16-64 characters of [A-Za-z0-9_-]"
                : !BASE64.matcher(signature).matches() ? SIGNATURE_HEADER
                + " must be the base64 (standard, padded) HMAC-SHA256, 44 characters"
                : null;
        if (malformed != null) {
            deny(ctx, actor, null, "malformed header: " + malformed, PartnerErrors.headers("malformed header: " + malformed));
            return;
        }
        if (!ctx.body().available()) {
            ctx.fail(new IllegalStateException("the partner route has no body handler in front of the PartnerGuard"));
            return;
        }
        Instant now = clock.instant();
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Duration skew = Duration.between(signedAt, now).abs();
        if (skew.compareTo(settings.timestampWindow()) > 0) {
            deny(ctx, actor, null, "timestamp outside the window (skew " + Duration.between(signedAt, now).toSeconds() + "s)",
                    new ApiException(401, PartnerErrors.TIMESTAMP_OUT_OF_WINDOW, "the request timestamp is more than "
                            + settings.timestampWindow().toMinutes() + " minutes from the server time ("
                            + now.getEpochSecond() + "); sign with a current timestamp"));
            return;
        }
        Buffer body = ctx.body().buffer();
        String canonical = PartnerSigner.canonical(req.method().name(), req.path(), req.query(), timestamp, nonce,
                body == null ? new byte[0] : body.getBytes());
        byte[] sent = Base64.getDecoder().decode(signature);

        registry.find(id).onComplete(found -> {
            if (found.failed()) {
                ctx.fail(found.cause());
                return;
            }
            if (found.result().isEmpty()) {
                deny(ctx, actor, null, "unknown partner", PartnerErrors.badSignature());
                return;
            }
            Partner partner = found.result().get();
            if (!MessageDigest.isEqual(PartnerSigner.hmac(partner.secret(), canonical), sent)) {
                deny(ctx, actor, partner, "bad signature", PartnerErrors.badSignature());
                return;
            }
            if (!partner.enabled()) {
                deny(ctx, actor, partner, "partner disabled",
                        new ApiException(403, PartnerErrors.PARTNER_DISABLED, "this partner is disabled"));
                return;
            }
            Optional<InetAddress> source = sourceAddress(ctx);
            if (source.isEmpty() || !partner.allows(source.get())) {
                deny(ctx, actor, partner, "source address not allowed", new ApiException(403, PartnerErrors.IP_NOT_ALLOWED,
                        "source address " + source.map(InetAddress::getHostAddress).orElse("(unknown)")
                                + " is not on this partner's allow-list"));
                return;
            }
            Optional<Permission> lacking = Arrays.stream(needed).filter(n -> !partner.permissions().contains(n)).findFirst();
            if (lacking.isPresent()) {
                deny(ctx, actor, partner, "lacks " + lacking.get(), new ApiException(403, PartnerErrors.PARTNER_FORBIDDEN,
                        "not allowed: requires permission " + lacking.get()));
                return;
            }
            // Remember the nonce for as long as its timestamp could still be accepted.
            Duration ttl = Duration.between(now, signedAt.plus(settings.timestampWindow())).plus(NONCE_MARGIN);
            registry.claimNonce(partner.id(), nonce, ttl).onComplete(claimed -> {
                if (claimed.failed()) {
                    ctx.fail(claimed.cause());
                    return;
                }
                if (!claimed.result()) {
                    deny(ctx, actor, partner, "nonce replayed", new ApiException(409, PartnerErrors.NONCE_REPLAYED,
                            "this nonce was already used; sign every request with a fresh nonce"));
                    return;
                }
                if (settings.auditSuccess()) {
                    record(event(ctx, actor, partner, "partner.request", AuditResult.SUCCESS));
                }
                ctx.put(PARTNER_KEY, partner);
                ctx.put(AccessGuard.PRINCIPAL_KEY, principal(partner));
                ctx.next();
            });
        });
    }

    /** The principal of a partner's requests. */
    public static Principal principal(Partner p) {
        String user = "partner:" + p.id();
        return new Principal(user, user, p.name(), Optional.of(p.hospitalId()), Optional.empty(), Set.of(PARTNER_ROLE),
                p.permissions(), "", false);
    }

    /** The peer of the TCP connection: never a forwarding header, whatever the router is configured to trust. */
    static Optional<InetAddress> sourceAddress(RoutingContext ctx) {
        String a = ClientAddress.of(ctx);
        return a.isEmpty() ? Optional.empty() : Optional.ofNullable(IpRange.literal(a));
    }

    private static String ip(RoutingContext ctx) {
        return sourceAddress(ctx).map(InetAddress::getHostAddress).orElse(null);
    }

    private AuditEvent.Builder event(RoutingContext ctx, String actor, Partner partner, String action, AuditResult result) {
        return AuditEvent.builder(action, result).actor(actor).hospital(partner == null ? null : partner.hospitalId())
                .ip(ip(ctx)).detail("method", ctx.request().method().name()).detail("path", ctx.request().path());
    }

    private void deny(RoutingContext ctx, String actor, Partner partner, String reason, ApiException answer) {
        record(event(ctx, actor, partner, "partner.denied", AuditResult.DENIED).detail("reason", reason));
        ctx.fail(answer);
    }

    private void record(AuditEvent.Builder e) {
        audit.record(e).onFailure(x -> LOG.error("audit record not written: {}", x.getMessage(), x));
    }
}
