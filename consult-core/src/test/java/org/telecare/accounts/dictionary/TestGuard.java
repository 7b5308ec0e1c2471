package org.telecare.accounts.dictionary;

import org.telecare.accounts.HeaderGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A stand-in for the session guard: the request names its user in {@value #USER_HEADER} (default: admin). */
final class TestGuard extends HeaderGuard {
    static final Permission WRITE = Permission.of("admin.dictionaries.write");
    private static final Map<String, Principal> USERS = Map.of(
            "admin", new Principal("u-admin", "admin", "Administrator", Optional.empty(), Optional.empty(),
                    Set.of("admin"), Set.of(WRITE), "s-1", false),
            "doctor", new Principal("u-doc", "doctor", "Doctor", Optional.of("h-1"), Optional.empty(),
                    Set.of("doctor"), Set.of(), "s-2", false));

    TestGuard() {
        super(USERS);
    }
}
