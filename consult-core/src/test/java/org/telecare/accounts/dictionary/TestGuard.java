package org.telecare.accounts.dictionary;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.web.ApiException;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A stand-in for the session guard: the request names its user in {@value #USER_HEADER} (default: admin). */
final class TestGuard implements AccessGuard {
    static final String USER_HEADER = "X-Test-User";
    static final Permission WRITE = Permission.of("admin.dictionaries.write");
    private static final Map<String, Principal> USERS = Map.of(
            "admin", new Principal("u-admin", "admin", "Administrator", Optional.empty(), Optional.empty(),
                    Set.of("admin"), Set.of(WRITE), "s-1", false),
            "doctor", new Principal("u-doc", "doctor", "Doctor", Optional.of("h-1"), Optional.empty(),
                    Set.of("doctor"), Set.of(), "s-2", false));

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
