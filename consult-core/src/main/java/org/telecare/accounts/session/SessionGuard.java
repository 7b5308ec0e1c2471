package org.telecare.accounts.session;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.role.RoleCatalog;
import org.telecare.accounts.credentials.PasswordAge;
import org.telecare.accounts.credentials.PasswordPolicy;
import org.telecare.accounts.directory.AccountDirectory;
import org.telecare.accounts.directory.User;
import org.telecare.web.ApiException;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@link AccessGuard} of cookie sessions: who is asking, whether they may, and — for
 * state-changing requests — whether the request carries the session's CSRF token.
 */
public final class SessionGuard implements AccessGuard {
    public static final String COOKIE = "telecare_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** What the guard reports when it refuses a request (the audit trail listens). */
    public record Denial(RoutingContext ctx, Optional<Principal> principal, String reason) {
    }

    private final SessionStore sessions;
    private final AccountDirectory directory;
    private final Clock clock;
    private final PasswordPolicy passwordPolicy;
    private final Consumer<Denial> denials;
    private final RoleCatalog roles;

    public SessionGuard(SessionStore sessions, AccountDirectory directory, RoleCatalog roles, Clock clock,
                        PasswordPolicy passwordPolicy, Consumer<Denial> denials) {
        this.roles = roles;
        this.sessions = sessions;
        this.directory = directory;
        this.clock = clock;
        this.passwordPolicy = passwordPolicy;
        this.denials = denials;
    }

    @Override
    public Handler<RoutingContext> authenticated() {
        return require();
    }

    @Override
    public Handler<RoutingContext> require(Permission... permissions) {
        Permission[] needed = permissions.clone();
        return ctx -> check(ctx, false, needed);
    }

    /** Signed in, even while a password change is still pending (for the change itself and sign-out). */
    public Handler<RoutingContext> signedInMayChangePassword() {
        return ctx -> check(ctx, true, new Permission[0]);
    }

    private void check(RoutingContext ctx, boolean duringPasswordChange, Permission[] needed) {
        resolve(ctx).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
                return;
            }
            Optional<Principal> who = r.result();
            if (who.isEmpty()) {
                deny(ctx, who, "not signed in", AccountErrors.notSignedIn());
                return;
            }
            Principal p = who.get();
            if (!SAFE.contains(ctx.request().method()) && !csrfMatches(ctx, p)) {
                deny(ctx, who, "missing or wrong CSRF token",
                        new ApiException(403, AccountErrors.CSRF, "missing or wrong " + CSRF_HEADER + " header"));
                return;
            }
            Session session = ctx.get(SESSION_KEY);
            if (session != null && session.totpPending() && !duringPasswordChange) {
                deny(ctx, who, "two-factor enrolment pending", new ApiException(403, AccountErrors.TOTP_ENROLMENT_REQUIRED,
                        "set up two-factor sign-in first (POST /api/v1/auth/totp/enrol, then /api/v1/auth/totp/confirm)"));
                return;
            }
            if (p.mustChangePassword() && !duringPasswordChange) {
                deny(ctx, who, "password change pending", new ApiException(403, AccountErrors.PASSWORD_CHANGE_REQUIRED,
                        "change your password first (POST /api/v1/auth/password)"));
                return;
            }
            Optional<Permission> missing = Arrays.stream(needed).filter(n -> !p.has(n)).findFirst();
            if (missing.isPresent()) {
                deny(ctx, who, "lacks " + missing.get(), AccountErrors.forbidden("requires permission " + missing.get()));
                return;
            }
            ctx.put(PRINCIPAL_KEY, p);
            ctx.next();
        });
    }

    private void deny(RoutingContext ctx, Optional<Principal> who, String reason, ApiException answer) {
        denials.accept(new Denial(ctx, who, reason));
        ctx.fail(answer);
    }

    private boolean csrfMatches(RoutingContext ctx, Principal p) {
        String sent = ctx.request().getHeader(CSRF_HEADER);
        String expected = ctx.get(CSRF_KEY);
        return sent != null && expected != null && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static final String CSRF_KEY = "telecare.csrf";
    /** The request's session, for routes of this module (two-factor enrolment). */
    public static final String SESSION_KEY = "telecare.session";

    /** The principal of the request's session cookie, if it is live and its user may sign in. */
    public Future<Optional<Principal>> resolve(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie == null) {
            return Future.succeededFuture(Optional.empty());
        }
        return sessions.find(cookie.getValue()).compose(s -> {
            if (s.isEmpty()) {
                return Future.succeededFuture(Optional.<Principal>empty());
            }
            Session session = s.get();
            ctx.put(CSRF_KEY, session.csrfToken());
            ctx.put(SESSION_KEY, session);
            return directory.user(session.userId()).map(u -> u.filter(this::maySignIn)
                    .map(user -> principal(user, session.id(), passwordExpired(user))));
        });
    }

    public boolean maySignIn(User u) {
        return u.enabled() && u.expiresAt().map(e -> e.isAfter(clock.instant())).orElse(true);
    }

    /** A password past its maximum age must be changed before anything else (SEC-1). */
    public boolean passwordExpired(User u) {
        return PasswordAge.of(u.passwordChangedAt(), passwordPolicy).expired(clock);
    }

    public PasswordAge passwordAge(User u) {
        return PasswordAge.of(u.passwordChangedAt(), passwordPolicy);
    }

    /** Permissions are resolved per request, so a changed role takes effect at the user's next request. */
    public Principal principal(User u, String sessionId, boolean passwordExpired) {
        return new Principal(u.id(), u.login(), u.name(), u.hospitalId(), u.departmentId(), u.roles(),
                roles.permissionsOf(u.roles()), sessionId, u.mustChangePassword() || passwordExpired);
    }
}
