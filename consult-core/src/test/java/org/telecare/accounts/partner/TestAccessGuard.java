package org.telecare.accounts.partner;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.accounts.AccountPermissions;
import org.telecare.web.ApiException;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stand-in for the session guard: the request names its user in {@value #USER_HEADER}
 * (default: the platform administrator). The partner routes are tested without sign-in.
 */
final class TestAccessGuard implements AccessGuard {
    static final String USER_HEADER = "X-Test-User";
    static final Principal PLATFORM_ADMIN = new Principal("u-admin", "admin", "Administrator", Optional.empty(),
            Optional.empty(), Set.of("admin"),
            Set.of(PartnerPermissions.READ, PartnerPermissions.WRITE, AccountPermissions.ALL_HOSPITALS), "s-1", false);
    /** Administers partners of hospital h-1 only and holds one integration permission. */
    static final Principal HOSPITAL_ADMIN = new Principal("u-ha", "ha", "Hospital admin", Optional.of("h-1"),
            Optional.empty(), Set.of("hospital-admin"),
            Set.of(PartnerPermissions.READ, PartnerPermissions.WRITE, Permission.of("integration.consult.read")), "s-2", false);
    static final Principal READER = new Principal("u-r", "reader", "Reader", Optional.empty(), Optional.empty(),
            Set.of(), Set.of(PartnerPermissions.READ), "s-3", false);
    private static final Map<String, Principal> USERS = Map.of("admin", PLATFORM_ADMIN, "ha", HOSPITAL_ADMIN,
            "reader", READER);

    @Override
    public Handler<RoutingContext> authenticated() {
        return require();
    }

    @Override
    public Handler<RoutingContext> require(Permission... permissions) {
        return ctx -> {
            String user = ctx.request().getHeader(USER_HEADER);
            Principal p = USERS.get(user == null ? "admin" : user);
            if (p == null) {
                ctx.fail(new ApiException(401, 2401, "sign in first"));
                return;
            }
            if (!Arrays.stream(permissions).allMatch(p::has)) {
                ctx.fail(new ApiException(403, 2403, "not allowed"));
                return;
            }
            ctx.put(PRINCIPAL_KEY, p);
            ctx.next();
        };
    }
}
