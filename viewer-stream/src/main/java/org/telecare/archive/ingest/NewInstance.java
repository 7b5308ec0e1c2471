package org.telecare.archive.ingest;

import org.telecare.archive.index.ObjectLocation;

/**
 * An instance the archive has just made durable and indexed with new content (a new SOP
 * Instance UID, or a replacement under {@code replace}): what auto-routing (ARC-3) matches its
 * rules on and what a forward job needs to send the stored bytes again.
 *
 * @param callingAe the sender's AE title (empty for ways in without one)
 * @param calledAe  the AE title the sender addressed (ours; empty for ways in without one)
 * @param modality  (0008,0060), empty when absent
 */
public record NewInstance(String callingAe, String calledAe, String modality, String sopClassUid,
                          String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid,
                          ObjectLocation location) {
}
