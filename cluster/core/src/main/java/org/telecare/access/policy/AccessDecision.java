package org.telecare.access.policy;

import java.util.Optional;

/**
 * The answer to one access question, with the reason an auditor or administrator can read and,
 * when a policy decided, which one.
 */
public sealed interface AccessDecision {
    String reason();

    Optional<String> policyId();

    default boolean allowed() {
        return this instanceof Allowed;
    }

    record Allowed(String reason, Optional<String> policyId) implements AccessDecision {
    }

    record Denied(String reason, Optional<String> policyId) implements AccessDecision {
    }
}
