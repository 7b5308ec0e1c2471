package org.telecare.archive.index;

import io.vertx.core.json.JsonObject;
import org.telecare.archive.query.QueryKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One received instance as the index takes it: the values of the {@link QueryKey query keys}
 * (decoded text: character set already applied, multiple values separated by backslashes,
 * PS3.5 §6.4), where the object lives, when and from whom it came, and its full metadata in the
 * DICOM JSON model (PS3.18 §F.2, bulk data replaced by BulkDataURIs) so that WADO-RS
 * {@code /metadata} never re-reads the file. The metadata is opaque to the index.
 *
 * @param attributes     query key values; computed keys ({@link QueryKey#isComputed()}) are refused.
 *                       StudyInstanceUID, SeriesInstanceUID and SOPInstanceUID are required.
 * @param callingAeTitle the calling AE title of the association (or the STOW-RS client's name);
 *                       becomes {@link QueryKey#SourceApplicationEntityTitle} unless that is given
 */
public record IndexedInstance(Map<QueryKey, String> attributes, ObjectLocation location, Instant received,
                              String callingAeTitle, JsonObject metadata) {

    /** Leaves room below the record store's 1 MiB for the row's own fields. */
    public static final int MAX_METADATA_BYTES = (1 << 20) - 4096;

    public IndexedInstance {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(metadata, "metadata");
        EnumMap<QueryKey, String> copy = new EnumMap<>(QueryKey.class);
        attributes.forEach((k, v) -> {
            if (k.isComputed()) {
                throw new IllegalArgumentException(k.keyword() + " is computed by the index, not taken from an instance");
            }
            if (v != null && !v.isEmpty()) {
                copy.put(k, v.strip());
            }
        });
        if (!copy.containsKey(QueryKey.SourceApplicationEntityTitle) && !callingAeTitle.isBlank()) {
            copy.put(QueryKey.SourceApplicationEntityTitle, callingAeTitle.strip());
        }
        Uids.require("StudyInstanceUID", copy.get(QueryKey.StudyInstanceUID));
        Uids.require("SeriesInstanceUID", copy.get(QueryKey.SeriesInstanceUID));
        Uids.require("SOPInstanceUID", copy.get(QueryKey.SOPInstanceUID));
        for (QueryKey k : new QueryKey[] {QueryKey.PatientID, QueryKey.IssuerOfPatientID, QueryKey.AccessionNumber}) {
            String v = copy.get(k);
            // these become storage keys: LO / SH are at most 64 characters and carry no backslash
            if (v != null && (v.length() > 64 || v.indexOf('\\') >= 0 || v.indexOf('\0') >= 0)) {
                throw new IllegalArgumentException(k.keyword() + " must be one value of at most 64 characters: '" + v + "'");
            }
        }
        int size = metadata.encode().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("instance metadata of " + size + " bytes is larger than "
                    + MAX_METADATA_BYTES + "; replace large values by BulkDataURIs (PS3.18 §F.2.6)");
        }
        attributes = Collections.unmodifiableMap(copy);
    }

    /** The value of a key, empty when the instance has none. */
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
