package org.telecare.access;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The one mechanism every route is checked by (SEC-4): put {@link #require} in front of a
 * handler and it answers 401 when nobody is signed in and 403 when the principal lacks a
 * permission, audited either way; otherwise the handler finds the principal with
 * {@link #principal(RoutingContext)}. Provided by the accounts module; every module takes it
 * from {@code ModuleContext.services()}.
 */
public interface AccessGuard {
    String PRINCIPAL_KEY = "telecare.principal";

    /** Signed in, any permission (and no pending forced password change). */
    Handler<RoutingContext> authenticated();

    /** Signed in and holding every one of {@code permissions}. */
    Handler<RoutingContext> require(Permission... permissions);

    static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(PRINCIPAL_KEY);
        if (p == null) {
            throw new IllegalStateException("no principal: the route is missing an AccessGuard handler");
        }
        return p;
    }
}
