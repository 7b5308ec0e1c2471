package org.telecare.archive.index;

import org.telecare.archive.query.QueryKey;

import java.time.Instant;
import java.util.Map;

/**
 * An instance as the index knows it, for C-MOVE / C-GET / WADO-RS: its own keys (instance
 * level plus the study and series UIDs), where it lives, when and from whom it came.
 */
public record StoredInstance(Map<QueryKey, String> attributes, ObjectLocation location, Instant received,
                             String callingAeTitle) {
    public String value(QueryKey key) {
        return attributes.getOrDefault(key, "");
    }

    public String studyInstanceUid() {
        return value(QueryKey.StudyInstanceUID);
    }

    public String seriesInstanceUid() {
        return value(QueryKey.SeriesInstanceUID);
    }

    public String sopInstanceUid() {
        return value(QueryKey.SOPInstanceUID);
    }
}
