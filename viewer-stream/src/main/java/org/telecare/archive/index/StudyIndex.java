package org.telecare.archive.index;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The archive's patient / study / series / instance index over the storage SPI: what C-FIND
 * (PS3.4 §C.4.1) and QIDO-RS (PS3.18 §10.6) query, what C-MOVE / C-GET / WADO-RS resolve to
 * blobs, and the per-series metadata WADO-RS {@code /metadata} returns without reading files.
 * The table layout is in {@link IndexTables}; it works alike on the embedded store and on
 * Cassandra (bounded partitions, no secondary indexes, no table scans).
 *
 * <p><b>Derived attributes are computed when read, not maintained on write.</b> ModalitiesInStudy
 * and the Number of Study/Series Related Series/Instances come from the series rows of the study
 * and the instance rows of each series at query time. Instances of one study arrive at once over
 * several associations and several nodes; maintained counters would need a compare-and-set loop
 * on one hot study row per instance (on Cassandra a Paxos round each, contended by every writer
 * of the study, i.e. retries and CAS timeouts exactly when a CT arrives), or would lose updates
 * without it. Computed at read time they are always exact, also after re-sends, replacements and
 * deletes, and writes stay plain idempotent puts. The price is paid on reads, and only for the
 * page returned (or for candidates when such a key is matched on): one range read of the study's
 * series partition plus one of each series' instance partition.
 *
 * <p>Each write of an instance: one compare-and-set claim of its SOP Instance UID (the duplicate
 * policy must hold across nodes), one read of the study row, and plain puts of the series,
 * instance and metadata rows; the study row and its lookup rows only when the study is new or its
 * attributes changed. Every lookup row of a study is first recorded in the study's registry
 * partition, so a delete removes them all, even rows left by earlier values of the study's
 * attributes (which queries meanwhile filter out, since every candidate is matched again).
 *
 * <p>All methods return Vert.x futures and never block; errors in the query ({@link
 * IllegalArgumentException}) fail the future, for a QIDO-RS 400 or a C-FIND failure status.
 */
public final class StudyIndex {
    /** Studies examined at most by a query that no lookup table narrows (see {@link QueryResult#complete()}). */
    public static final int DEFAULT_SCAN_BOUND = 20_000;

    private final IndexWriter writer;
    private final IndexReader reader;

    /**
     * @param zone      the time zone of the archive's site: the day a study without a StudyDate is filed under
     * @param scanBound studies examined at most by an un-narrowed query
     */
    public StudyIndex(RecordStore store, ZoneId zone, int scanBound) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(zone, "zone");
        if (scanBound < 1) {
            throw new IllegalArgumentException("scanBound must be positive");
        }
        this.writer = new IndexWriter(store, zone);
        this.reader = new IndexReader(store, zone, scanBound);
    }

    public StudyIndex(RecordStore store) {
        this(store, ZoneId.systemDefault(), DEFAULT_SCAN_BOUND);
    }

    /** The index's tables, to pass to {@code StorageBackend.migrate} at start. */
    public static List<SchemaMigration> migrations() {
        return List.of(IndexTables.MIGRATION);
    }

    /**
     * Indexes one instance, after its object is durable in the blob store. Idempotent for the
     * same content; for other content under a known SOP Instance UID the policy decides
     * ({@link DuplicateInstanceException} under {@link DuplicatePolicy#REJECT}).
     */
    public Future<IndexOutcome> index(IndexedInstance instance, DuplicatePolicy policy) {
        return writer.index(instance, policy);
    }

    /** Runs a C-FIND / QIDO-RS query. */
    public Future<QueryResult> find(IndexQuery query) {
        return reader.find(query);
    }

    /** The brief form: {@code find(level, keys, includeFields, limit, offset, fuzzy)}, hierarchical. */
    public Future<QueryResult> find(QueryLevel level, Map<QueryKey, String> keys, Set<QueryKey> includeFields,
                                    int limit, int offset, boolean fuzzy) {
        try {
            return find(new IndexQuery(level, keys, includeFields, limit, offset, fuzzy, false));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
    }

    /** One instance by SOP Instance UID (for C-MOVE / C-GET at IMAGE level and WADO-RS). */
    public Future<Optional<StoredInstance>> instance(String sopInstanceUid) {
        return reader.instance(sopInstanceUid);
    }

    /** The instances of a series, by InstanceNumber. */
    public Future<List<StoredInstance>> instances(String studyInstanceUid, String seriesInstanceUid) {
        return reader.instances(studyInstanceUid, seriesInstanceUid);
    }

    /** The series UIDs of a study. */
    public Future<List<String>> seriesUids(String studyInstanceUid) {
        return reader.seriesUids(studyInstanceUid);
    }

    /** The DICOM JSON metadata of every instance of a series: one partition read. */
    public Future<List<JsonObject>> seriesMetadata(String seriesInstanceUid) {
        return reader.seriesMetadata(seriesInstanceUid);
    }

    /** As {@link #seriesMetadata}, each object as stored (UTF-8 JSON), for answers that pass them on unparsed. */
    public Future<List<byte[]>> seriesMetadataBytes(String seriesInstanceUid) {
        return reader.seriesMetadataBytes(seriesInstanceUid);
    }

    public Future<Optional<JsonObject>> instanceMetadata(String seriesInstanceUid, String sopInstanceUid) {
        return reader.instanceMetadata(seriesInstanceUid, sopInstanceUid);
    }

    /** Deletes an instance; its series and study go too when left empty. {@code false} when unknown. */
    public Future<Boolean> deleteInstance(String sopInstanceUid) {
        return writer.deleteInstance(sopInstanceUid);
    }

    /** Deletes a series and its instances; the study goes too when left empty. */
    public Future<Boolean> deleteSeries(String studyInstanceUid, String seriesInstanceUid) {
        return writer.deleteSeries(studyInstanceUid, seriesInstanceUid);
    }

    /** Deletes a study with everything under it and every lookup row that names it. */
    public Future<Boolean> deleteStudy(String studyInstanceUid) {
        return writer.deleteStudy(studyInstanceUid);
    }
}
