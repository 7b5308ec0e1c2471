package org.telecare.accounts;

import org.telecare.access.Permission;
import org.telecare.access.PermissionCatalog;
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
    public static final Permission ALL_HOSPITALS = org.telecare.access.policy.DataRequester.ALL_HOSPITALS;
    public static final Permission AUDIT_READ = Permission.of("audit.read");
    /** Define custom roles (platform-wide). */
    public static final Permission ROLES_WRITE = Permission.of("admin.roles.write");
    /** Data policies (SEC-4); a hospital administrator manages those over their own hospital's data. */
    public static final Permission POLICIES_READ = Permission.of("admin.policies.read");
    public static final Permission POLICIES_WRITE = Permission.of("admin.policies.write");
    /** Mark patients VIP or special (the archive's and, later, the consult module's patient records). */
    public static final Permission PATIENTS_CLASSIFY = Permission.of("data.patients.classify");

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
                    USERS_WRITE, ROLES_READ, ROLES_WRITE, ALL_HOSPITALS, USERS_UNMASK, DICTIONARIES_WRITE,
                    PartnerPermissions.READ, PartnerPermissions.WRITE, POLICIES_READ, POLICIES_WRITE, PATIENTS_CLASSIFY),
            HOSPITAL_ADMIN, Set.of(HOSPITALS_READ, DEPARTMENTS_READ, DEPARTMENTS_WRITE, USERS_READ, USERS_WRITE,
                    ROLES_READ, POLICIES_READ, POLICIES_WRITE, PATIENTS_CLASSIFY),
            AUDITOR, Set.of(AUDIT_READ),
            EXPERT, Set.of(),
            DOCTOR, Set.of());

    private AccountPermissions() {
    }

    /** Declares this module's permissions, each with what it allows. */
    public static void declare(PermissionCatalog catalog) {
        catalog.declare(HOSPITALS_READ, "see hospitals")
                .declare(HOSPITALS_WRITE, "create and edit hospitals")
                .declare(DEPARTMENTS_READ, "see departments")
                .declare(DEPARTMENTS_WRITE, "create and edit departments")
                .declare(USERS_READ, "see users (personal numbers masked)")
                .declare(USERS_WRITE, "create and edit users, unlock, reset passwords and two-factor")
                .declare(USERS_UNMASK, "see users' personal numbers in full (audited)")
                .declare(ROLES_READ, "see roles and permissions")
                .declare(ROLES_WRITE, "define custom roles")
                .declare(ALL_HOSPITALS, "act on every hospital, not only one's own")
                .declare(DICTIONARIES_WRITE, "edit code tables")
                .declare(AUDIT_READ, "search and verify the audit trail")
                .declare(POLICIES_READ, "see data access policies")
                .declare(POLICIES_WRITE, "create, change and remove data access policies")
                .declare(PATIENTS_CLASSIFY, "mark patients VIP or special, which the data policies then protect")
                .declare(PartnerPermissions.READ, "see partner systems")
                .declare(PartnerPermissions.WRITE, "register partner systems and rotate their keys");
    }

    /** Administration and audit may not meet in one role (三员分立: system, security and audit administrators apart). */
    public static boolean mixesAuditWithAdministration(Set<Permission> permissions) {
        return permissions.contains(AUDIT_READ) && permissions.stream().anyMatch(p -> p.code().startsWith("admin."));
    }
}
