package org.telecare.accounts;

import org.telecare.access.Principal;

/**
 * The object-level rule of administration: platform administrators (holding
 * {@link AccountPermissions#ALL_HOSPITALS}) act on every hospital's objects, everyone else only
 * on their own hospital's.
 */
public final class HospitalScope {
    private HospitalScope() {
    }

    public static boolean all(Principal p) {
        return p.has(AccountPermissions.ALL_HOSPITALS);
    }

    public static boolean covers(Principal p, String hospitalId) {
        return all(p) || p.hospitalId().map(hospitalId::equals).orElse(false);
    }

    /** Throws 403 naming {@code what} ("users of another hospital") unless {@link #covers}. */
    public static void check(Principal p, String hospitalId, String what) {
        if (!covers(p, hospitalId)) {
            throw AccountErrors.forbidden(what);
        }
    }
}
