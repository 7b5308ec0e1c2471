package org.telecare.accounts.partner;

import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.accounts.AccountPermissions;
import org.telecare.accounts.HeaderGuard;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stand-in for the session guard: the request names its user in {@value #USER_HEADER}
 * (default: the platform administrator). The partner routes are tested without sign-in.
 */
final class TestAccessGuard extends HeaderGuard {
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

    TestAccessGuard() {
        super(USERS);
    }
}
