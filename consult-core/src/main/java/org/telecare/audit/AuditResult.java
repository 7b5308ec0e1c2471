package org.telecare.audit;

/** How an audited action ended. */
public enum AuditResult {
    /** The action was carried out. */
    SUCCESS,
    /** Refused by access control (missing permission, data policy, IP allow-list, lockout). */
    DENIED,
    /** Attempted but failed (wrong password, bad signature, validation or storage error). */
    FAILED
}
