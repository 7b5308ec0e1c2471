package org.telecare.dicomweb.stow;

/**
 * What became of one part of a STOW-RS body (PS3.18 §10.5.3): stored, or failed with the reason
 * PS3.18 Table 10.5.3-2 / PS3.4 §B.2.3 codes (UIDs empty when the part could not be read).
 */
sealed interface StowOutcome {
    String sopClassUid();

    String sopInstanceUid();

    record Stored(String sopClassUid, String sopInstanceUid, String studyUid, String seriesUid) implements StowOutcome {
    }

    record Failed(String sopClassUid, String sopInstanceUid, int reason, String comment) implements StowOutcome {
    }
}
