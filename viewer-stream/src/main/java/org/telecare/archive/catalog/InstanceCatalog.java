package org.telecare.archive.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/** The archive's stored objects as readers see them; answers come from the index, never from files. */
public interface InstanceCatalog {
    Future<Optional<StudyFacts>> study(String studyUid);

    /** Instances of a study, of one series, or one instance, in series then instance order. */
    Future<List<StoredInstance>> instances(String studyUid, Optional<String> seriesUid, Optional<String> sopInstanceUid);

    /** The stored DICOM JSON metadata (PS3.18 §F.2) of the same selection, bulk data as URIs. */
    Future<List<JsonObject>> metadata(String studyUid, Optional<String> seriesUid, Optional<String> sopInstanceUid);

    /**
     * The same as one JSON array, encoded: what WADO-RS {@code /metadata} sends. Implementations
     * that keep the JSON encoded hand it over without parsing it (VIEW-1: a viewer asks for the
     * metadata of every series it opens).
     */
    default Future<io.vertx.core.buffer.Buffer> metadataArray(String studyUid, Optional<String> seriesUid,
                                                             Optional<String> sopInstanceUid) {
        return metadata(studyUid, seriesUid, sopInstanceUid).map(list -> new io.vertx.core.json.JsonArray(List.copyOf(list)).toBuffer());
    }
}
