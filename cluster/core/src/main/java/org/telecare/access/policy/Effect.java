package org.telecare.access.policy;

/** What a matching policy decides; a matching deny always wins over any allow. */
public enum Effect {
    ALLOW, DENY;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
