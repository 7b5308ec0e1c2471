package org.telecare.accounts;

import org.telecare.access.Permission;
import org.telecare.accounts.partner.PartnerPermissions;

import java.util.Map;
import java.util.Set;

/** The permissions of the accounts area and the built-in roles that bundle them (SEC-4). */
public final class AccountPermissions {
    public static final Permission HOSPITALS_READ = Permission.of("admin.hospitals.read");
    public static final Permission HOSPITALS_WRITE = Permission.of("admin.hospitals.write");
    public static final Permission DEPARTMENTS_READ = Permission.of("admin.departments.read");
    public static final Permission DEPARTMENTS_WRITE = Permission.of("admin.departments.write");
    public static final Permission USERS_READ = Permission.of("admin.users.read");
    public static final Permission USERS_WRITE = Permission.of("admin.users.write");
    public static final Permission ROLES_READ = Permission.of("admin.roles.read");
    /** Platform-wide code tables (gender, professional title, …; CON-12). */
    public static final Permission DICTIONARIES_WRITE = Permission.of("admin.dictionaries.write");
    /** See personal numbers (phone, ID card) in full; every use is audited (SEC-7). */
    public static final Permission USERS_UNMASK = Permission.of("admin.users.unmask");
    /** Act on every hospital's objects, not only one's own (platform administrators). */
    public static final Permission ALL_HOSPITALS = Permission.of("admin.scope.all-hospitals");
    public static final Permission AUDIT_READ = Permission.of("audit.read");

    public static final String ADMIN = "admin";
    public static final String HOSPITAL_ADMIN = "hospital-admin";
    public static final String AUDITOR = "auditor";
    public static final String EXPERT = "expert";
    public static final String DOCTOR = "doctor";

    /**
     * Built-in roles. The auditor reads the audit trail and nothing else, and administrators do
     * not read it: separation of duties (等保三级 wants system, security and audit administrators apart).
     */
    public static final Map<String, Set<Permission>> BUILT_IN_ROLES = Map.of(
            ADMIN, Set.of(HOSPITALS_READ, HOSPITALS_WRITE, DEPARTMENTS_READ, DEPARTMENTS_WRITE, USERS_READ,
                    USERS_WRITE, ROLES_READ, ALL_HOSPITALS, USERS_UNMASK, DICTIONARIES_WRITE, PartnerPermissions.READ, PartnerPermissions.WRITE),
            HOSPITAL_ADMIN, Set.of(HOSPITALS_READ, DEPARTMENTS_READ, DEPARTMENTS_WRITE, USERS_READ, USERS_WRITE,
                    ROLES_READ),
            AUDITOR, Set.of(AUDIT_READ),
            EXPERT, Set.of(),
            DOCTOR, Set.of());

    private AccountPermissions() {
    }

    public static Set<Permission> of(Set<String> roles) {
        return roles.stream().flatMap(r -> BUILT_IN_ROLES.getOrDefault(r, Set.of()).stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
