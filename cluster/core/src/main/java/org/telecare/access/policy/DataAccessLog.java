package org.telecare.access.policy;

import org.telecare.access.Principal;

/**
 * Where modules report what they did with patient data (SEC-8: "data read and write, export"):
 * every decided access, allowed or denied, with who, from where, what and the decision's reason.
 * Provided by the accounts module (it writes the audit trail); modules take it from
 * {@code NodeServices}. Reporting never holds up the answer.
 */
public interface DataAccessLog {
    /**
     * @param sourceIp   the connection's peer address
     * @param targetType what was touched ({@code study}, {@code series}, {@code instance}, {@code report})
     */
    void record(Principal who, String sourceIp, DataAction action, String targetType, String targetId,
                AccessDecision decision);
}
