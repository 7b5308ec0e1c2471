package org.telecare.accounts;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.web.ApiException;

import java.util.Arrays;
import java.util.Map;

/**
 * A stand-in for the session guard, for testing one area's routes without signing in: the
 * request names its user in {@value #USER_HEADER} (default {@code admin}); unknown names get 401,
 * missing permissions 403, like the real guard.
 */
public class HeaderGuard implements AccessGuard {
    public static final String USER_HEADER = "X-Test-User";
    private final Map<String, Principal> users;

    public HeaderGuard(Map<String, Principal> users) {
        this.users = Map.copyOf(users);
    }

    @Override
    public Handler<RoutingContext> authenticated() {
        return require();
    }

    @Override
    public Handler<RoutingContext> require(Permission... permissions) {
        return ctx -> {
            String user = ctx.request().getHeader(USER_HEADER);
            Principal p = users.get(user == null ? "admin" : user);
            if (p == null) {
                ctx.fail(new ApiException(401, AccountErrors.NOT_SIGNED_IN, "sign in first"));
                return;
            }
            if (!Arrays.stream(permissions).allMatch(p::has)) {
                ctx.fail(new ApiException(403, AccountErrors.FORBIDDEN, "not allowed"));
                return;
            }
            ctx.put(PRINCIPAL_KEY, p);
            ctx.next();
        };
    }
}
