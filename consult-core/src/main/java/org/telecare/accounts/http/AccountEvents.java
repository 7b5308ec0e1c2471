package org.telecare.accounts.http;

import org.telecare.web.ClientAddress;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.access.Principal;
import org.telecare.accounts.session.SessionGuard;
import org.telecare.audit.AuditEvent;
import org.telecare.audit.AuditResult;
import org.telecare.audit.AuditTrail;

/**
 * What the accounts area writes to the audit trail (SEC-8): sign-ins and their failures,
 * lockouts, sign-outs, password changes, refused requests and administrative changes. An audit
 * write that fails is logged loudly; it does not undo the action it records.
 */
public final class AccountEvents {
    private static final Logger LOG = LoggerFactory.getLogger(AccountEvents.class);
    private final AuditTrail trail;

    public AccountEvents(AuditTrail trail) {
        this.trail = trail;
    }

    private void record(AuditEvent.Builder event) {
        trail.record(event).onFailure(e -> LOG.error("audit record not written: {}", e.getMessage(), e));
    }

    private static AuditEvent.Builder by(RoutingContext ctx, Principal p, String action, AuditResult result) {
        return AuditEvent.builder(action, result).actor(p.userId()).hospital(p.hospitalId().orElse(null)).ip(ClientAddress.of(ctx));
    }

    public void loggedIn(RoutingContext ctx, Principal p) {
        record(by(ctx, p, "auth.login", AuditResult.SUCCESS).detail("login", p.login()));
    }

    public void loginFailed(RoutingContext ctx, String login, String reason) {
        record(AuditEvent.builder("auth.login.failed", AuditResult.FAILED).actor("anonymous").ip(ClientAddress.of(ctx))
                .detail("login", login).detail("reason", reason));
    }

    public void lockedOut(RoutingContext ctx, String login, String until) {
        record(AuditEvent.builder("auth.lockout", AuditResult.DENIED).actor("anonymous").ip(ClientAddress.of(ctx))
                .detail("login", login).detail("lockedUntil", until));
    }

    public void loggedOut(RoutingContext ctx, Principal p) {
        record(by(ctx, p, "auth.logout", AuditResult.SUCCESS));
    }

    public void passwordChanged(RoutingContext ctx, Principal p) {
        record(by(ctx, p, "auth.password.change", AuditResult.SUCCESS));
    }

    public void twoFactorEnrolled(RoutingContext ctx, Principal p) {
        record(by(ctx, p, "auth.totp.enrol", AuditResult.SUCCESS));
    }

    public void passwordChangeRefused(RoutingContext ctx, Principal p, String reason) {
        record(by(ctx, p, "auth.password.change", AuditResult.DENIED).detail("reason", reason));
    }

    /** A request the access guard refused (SEC-4: denied access is audited too). */
    public void denied(SessionGuard.Denial denial) {
        RoutingContext ctx = denial.ctx();
        AuditEvent.Builder e = denial.principal().map(p -> by(ctx, p, "access.denied", AuditResult.DENIED))
                .orElseGet(() -> AuditEvent.builder("access.denied", AuditResult.DENIED).actor("anonymous").ip(ClientAddress.of(ctx)));
        record(e.detail("method", ctx.request().method().name()).detail("path", ctx.request().path())
                .detail("reason", denial.reason()));
    }

    /** Sensitive data shown in full (SEC-7: unmasking is a permission of its own, and audited). */
    public void unmasked(RoutingContext ctx, Principal p, String targetType, String targetId, String field) {
        record(by(ctx, p, "data.unmask", AuditResult.SUCCESS).target(targetType, targetId).detail("field", field));
    }

    /** An administrative change (create, update) of an account-area object. */
    public void administered(RoutingContext ctx, Principal p, String action, String targetType, String targetId) {
        record(by(ctx, p, action, AuditResult.SUCCESS).target(targetType, targetId));
    }

    /** A sign-in code was asked for (SEC-2); {@code outcome}: sent, no-phone, unknown-login, too-soon, gateway-failed. */
    public void smsCodeRequested(RoutingContext ctx, String login, String outcome) {
        AuditResult result = outcome.equals("sent") ? AuditResult.SUCCESS
                : outcome.equals("too-soon") ? AuditResult.DENIED : AuditResult.FAILED;
        record(AuditEvent.builder("auth.sms.request", result).actor("anonymous").ip(ClientAddress.of(ctx))
                .detail("login", login).detail("outcome", outcome));
    }

    /** A data access decided by the data policies (SEC-4), reported by the module that served it (SEC-8). */
    public void dataAccess(org.telecare.access.Principal p, String ip, org.telecare.access.policy.DataAction action,
                           String targetType, String targetId, org.telecare.access.policy.AccessDecision decision) {
        AuditEvent.Builder e = AuditEvent.builder("data." + action.code(),
                        decision.allowed() ? AuditResult.SUCCESS : AuditResult.DENIED)
                .actor(p.userId()).hospital(p.hospitalId().orElse(null)).ip(ip).target(targetType, targetId)
                .detail("reason", decision.reason());
        decision.policyId().ifPresent(id -> e.detail("policy", id));
        record(e);
    }
}
