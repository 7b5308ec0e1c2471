package org.telecare.accounts.partner;

import org.telecare.access.Permission;

/** Permissions of the partner administration routes (grant them to the platform administrator role). */
public final class PartnerPermissions {
    public static final Permission READ = Permission.of("admin.partners.read");
    public static final Permission WRITE = Permission.of("admin.partners.write");

    private PartnerPermissions() {
    }
}
