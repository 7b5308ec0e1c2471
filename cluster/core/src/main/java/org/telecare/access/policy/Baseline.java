package org.telecare.access.policy;

/** What holds when no policy matches. */
public enum Baseline {
    /** Users see their own hospital's ordinary data (platform administrators every hospital's). */
    OWN_HOSPITAL,
    /** Nothing without an allow policy: for sites that grant every access explicitly. */
    NONE
}
