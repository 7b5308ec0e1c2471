package org.telecare.accounts.http;

import org.telecare.web.ClientAddress;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Principal;
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.credentials.PasswordViolation;
import org.telecare.accounts.directory.AccountDirectory;
import org.telecare.accounts.directory.User;
import org.telecare.accounts.directory.UserView;
import org.telecare.accounts.session.Session;
import org.telecare.accounts.session.SessionGuard;
import org.telecare.accounts.sms.SmsSignIn;
import org.telecare.accounts.session.TwoFactor;
import org.telecare.accounts.session.SessionSettings;
import org.telecare.accounts.session.SessionStore;
import org.telecare.web.ApiException;
import org.telecare.web.JsonBody;
import org.telecare.web.RateLimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.telecare.accounts.credentials.PasswordAge;
import java.util.Optional;

/**
 * Sign-in, sign-out, the current user and password changes; all routes in one place.
 * Failures never say whether a login exists (SEC-5: no user enumeration).
 */
public final class AuthRoutes {
    private final AccountDirectory directory;
    private final UserAccounts accounts;
    private final SessionStore sessions;
    private final SessionSettings sessionSettings;
    private final SessionGuard guard;
    private final LoginGate gate;
    private final TwoFactor twoFactor;
    private final UserView view;
    private final RateLimit signIn;
    private final AccountEvents events;
    private final Clock clock;
    private final Optional<SmsSignIn> sms;
    /** Users hear a week ahead that their account is about to expire. */
    private static final Duration ACCOUNT_WARNING = Duration.ofDays(7);

    public AuthRoutes(AccountDirectory directory, UserAccounts accounts, SessionStore sessions,
                      SessionSettings sessionSettings, SessionGuard guard, LoginGate gate, TwoFactor twoFactor, AccountEvents events, Clock clock,
                      UserView view, RateLimit signIn, Optional<SmsSignIn> sms) {
        this.sms = sms;
        this.directory = directory;
        this.accounts = accounts;
        this.sessions = sessions;
        this.sessionSettings = sessionSettings;
        this.guard = guard;
        this.gate = gate;
        this.twoFactor = twoFactor;
        this.view = view;
        this.signIn = signIn;
        this.clock = clock;
        this.events = events;
    }

    public void mount(Router api) {
        api.route("/auth/*").handler(JsonBody.handler());
        // Per address, on top of the per-account lockout: slows password spraying across accounts.
        api.post("/auth/login").handler(signIn).handler(this::login);
        api.get("/auth/captcha").handler(signIn).handler(this::captcha);
        api.post("/auth/sms/request").handler(signIn).handler(ctx -> sms.ifPresentOrElse(
                s -> s.request(ctx), () -> SmsSignIn.disabled(ctx)));
        api.post("/auth/logout").handler(guard.signedInMayChangePassword()).handler(this::logout);
        api.post("/auth/password").handler(guard.signedInMayChangePassword()).handler(this::changePassword);
        api.get("/me").handler(guard.signedInMayChangePassword()).handler(this::me);
        api.post("/auth/totp/enrol").handler(guard.signedInMayChangePassword()).handler(this::enrolTotp);
        api.post("/auth/totp/confirm").handler(guard.signedInMayChangePassword()).handler(this::confirmTotp);
    }

    private void login(RoutingContext ctx) {
        JsonObject body = JsonBody.of(ctx);
        String login = JsonBody.text(body, "username", 64);
        // A password, or a code sent by SMS (SEC-2): either is the first factor, and both count failures alike.
        String password = JsonBody.optionalText(body, "password", 256);
        String smsCode = JsonBody.optionalText(body, "smsCode", 16);
        if ((password == null) == (smsCode == null)) {
            throw ApiException.badRequest("give 'password' or 'smsCode' (exactly one)");
        }
        if (smsCode != null && sms.isEmpty()) {
            throw new ApiException(404, AccountErrors.SMS_DISABLED, "sign-in by SMS code is not enabled on this platform");
        }
        JsonObject captcha = body.getValue("captcha") instanceof JsonObject c ? c : null;
        String ip = ClientAddress.of(ctx);

        gate.admit(login, captcha)
                .compose(admitted -> directory.userByLogin(login))
                .compose(user -> (password != null ? accounts.verify(user, password)
                        : sms.get().codes().verify(login, smsCode)).compose(ok -> {
                    if (!ok || user.isEmpty()) {
                        events.loginFailed(ctx, login, user.isEmpty() ? "unknown login"
                                : password != null ? "wrong password" : "wrong or expired SMS code");
                        return gate.failed(login).compose(state -> {
                            state.lockedUntil().ifPresent(until -> events.lockedOut(ctx, login, until.toString()));
                            return Future.failedFuture(
                                    new ApiException(401, AccountErrors.BAD_CREDENTIALS, "wrong username or password"));
                        });
                    }
                    User u = user.get();
                    if (!u.enabled()) {
                        events.loginFailed(ctx, login, "account disabled");
                        return Future.failedFuture(new ApiException(403, AccountErrors.ACCOUNT_DISABLED,
                                "this account is disabled; ask your administrator"));
                    }
                    if (!guard.maySignIn(u)) {
                        events.loginFailed(ctx, login, "account expired");
                        return Future.failedFuture(new ApiException(403, AccountErrors.ACCOUNT_EXPIRED,
                                "this account has expired; ask your administrator"));
                    }
                    return secondFactor(ctx, u, login, body).compose(totpPending -> gate.succeeded(login)
                            .compose(v -> sessions.open(u.id(), ip, totpPending)).map(issued -> {
                                setCookie(ctx, issued.token());
                                Principal p = guard.principal(u, issued.session().id(), guard.passwordExpired(u));
                                events.loggedIn(ctx, p);
                                return me(p, u).put("csrfToken", issued.session().csrfToken())
                                        .put("totpEnrolmentRequired", totpPending);
                            }));
                }))
                .onSuccess(ctx::json)
                .onFailure(ctx::fail);
    }

    /**
     * The second factor, after a right password: a code when the user has enrolled (a wrong one
     * counts as a failed sign-in); when their role requires it and they have not enrolled yet,
     * the session is restricted to enrolment (completes with {@code true}).
     */
    private Future<Boolean> secondFactor(RoutingContext ctx, User u, String login, JsonObject body) {
        return twoFactor.enrolment(u.id()).compose(e -> {
            if (e.isPresent() && e.get().confirmed()) {
                String code = body.getValue("totp") instanceof String c ? c : null;
                if (code == null) {
                    return Future.failedFuture(new ApiException(401, AccountErrors.TOTP_REQUIRED,
                            "enter the code from your authenticator app (field 'totp')"));
                }
                return twoFactor.check(u.id(), code).compose(check -> {
                    if (check == TwoFactor.Check.OK) {
                        return Future.succeededFuture(false);
                    }
                    events.loginFailed(ctx, login, "wrong two-factor code");
                    return gate.failed(login).compose(state -> Future.failedFuture(new ApiException(401,
                            AccountErrors.TOTP_WRONG, "the two-factor code is wrong or was already used")));
                });
            }
            return Future.succeededFuture(twoFactor.requiredFor(u.roles()));
        });
    }

    private void enrolTotp(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        twoFactor.enrol(p.userId(), p.login()).onSuccess(uri -> {
            if (uri.isEmpty()) {
                ctx.fail(new ApiException(409, AccountErrors.TOTP_ALREADY_ENROLLED,
                        "two-factor sign-in is already set up; an administrator can reset it"));
                return;
            }
            ctx.json(new JsonObject().put("otpauthUri", uri.get()));
        }).onFailure(ctx::fail);
    }

    private void confirmTotp(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String code = JsonBody.text(JsonBody.of(ctx), "code", 16);
        twoFactor.check(p.userId(), code).compose(check -> {
            if (check != TwoFactor.Check.OK) {
                return Future.failedFuture(new ApiException(400, AccountErrors.TOTP_WRONG,
                        "the code does not match; check the phone's clock and try the next code"));
            }
            Session session = ctx.get(SessionGuard.SESSION_KEY);
            return session.totpPending() ? sessions.markEnrolled(session) : Future.<Void>succeededFuture();
        }).onSuccess(v -> {
            events.twoFactorEnrolled(ctx, p);
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    private void captcha(RoutingContext ctx) {
        gate.newCaptcha().onSuccess(ctx::json).onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        Cookie cookie = ctx.request().getCookie(SessionGuard.COOKIE);
        sessions.close(cookie.getValue()).onSuccess(v -> {
            events.loggedOut(ctx, p);
            ctx.response().addCookie(Cookie.cookie(SessionGuard.COOKIE, "").setPath("/").setMaxAge(0));
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    private void me(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        directory.user(p.userId()).map(u -> me(p, u.orElseThrow())).onSuccess(ctx::json).onFailure(ctx::fail);
    }

    /**
     * The signed-in user with what the client should warn about: a password or an account about
     * to expire (SEC-1, SEC-3), and a change that is due now ({@code mustChangePassword}).
     */
    private JsonObject me(Principal p, User u) {
        PasswordAge age = guard.passwordAge(u);
        JsonObject user = view.json(u, false).put("mustChangePassword", p.mustChangePassword());
        JsonObject warnings = new JsonObject()
                .put("passwordExpiresAt", age.expiresAt().toString())
                .put("passwordState", age.state(clock).name());
        u.expiresAt().ifPresent(e -> warnings.put("accountExpiresAt", e.toString())
                .put("accountExpiresSoon", e.minus(ACCOUNT_WARNING).isBefore(clock.instant())));
        return new JsonObject().put("user", user).put("warnings", warnings)
                .put("permissions", new JsonArray(p.permissions().stream().map(Object::toString).sorted().toList()));
    }

    private void changePassword(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        JsonObject body = JsonBody.of(ctx);
        String current = JsonBody.text(body, "current", 256);
        String next = JsonBody.text(body, "new", 256);
        directory.user(p.userId()).map(Optional::orElseThrow).compose(u -> accounts.verify(Optional.of(u), current)
                .compose(ok -> {
                    if (!ok) {
                        events.passwordChangeRefused(ctx, p, "current password wrong");
                        return Future.failedFuture(new ApiException(403, AccountErrors.BAD_CREDENTIALS,
                                "the current password is wrong"));
                    }
                    return accounts.violations(u, next).compose(violations -> violations.isEmpty()
                            ? accounts.changePassword(u, next)
                            : Future.failedFuture(policyError(violations)));
                }))
                .onSuccess(u -> {
                    events.passwordChanged(ctx, p);
                    ctx.response().setStatusCode(204).end();
                })
                .onFailure(ctx::fail);
    }

    private static ApiException policyError(List<PasswordViolation> violations) {
        StringBuilder msg = new StringBuilder("the new password does not meet the password rules:");
        violations.forEach(v -> msg.append(' ').append(v.code()).append(" (").append(v.message()).append(");"));
        return new ApiException(400, AccountErrors.PASSWORD_POLICY, msg.toString());
    }

    /** HttpOnly against script theft, SameSite=Strict against cross-site use, Secure over TLS. */
    private void setCookie(RoutingContext ctx, String token) {
        ctx.response().addCookie(Cookie.cookie(SessionGuard.COOKIE, token).setPath("/").setHttpOnly(true)
                .setSecure(ctx.request().isSSL()).setSameSite(CookieSameSite.STRICT)
                .setMaxAge(sessionSettings.maxLifetime().toSeconds()));
    }
}
