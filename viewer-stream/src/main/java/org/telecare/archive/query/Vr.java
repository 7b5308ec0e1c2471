package org.telecare.archive.query;

/**
 * The value representations of the query keys (PS3.5 §6.2), as far as matching needs to know them.
 */
public enum Vr {
    AE, CS, DA, DT, IS, LO, PN, SH, TM, UI, US;

    /**
     * Wild card matching is defined for these VRs only (PS3.4 §C.2.2.2.4: not for DA, TM, DT,
     * UI or the numeric VRs).
     */
    public boolean allowsWildcards() {
        return switch (this) {
            case AE, CS, LO, PN, SH -> true;
            default -> false;
        };
    }

    /** Range matching (PS3.4 §C.2.2.2.5) applies to DA, TM and DT. */
    public boolean allowsRanges() {
        return this == DA || this == TM || this == DT;
    }
}
