package org.telecare.archive.index;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The archive index's tables: one per query pattern, every partition bounded (per patient, per
 * study, per series, per month), no secondary indexes, no whole-table scans, so that the same
 * layout serves the embedded store and Cassandra. Keys are {@code partition / clustering}.
 *
 * <pre>
 * archive_patient          PatientID            / IssuerOfPatientID          → patient keys
 * archive_patient_study    PatientID            / Issuer \ StudyUID          → ""
 * archive_study            StudyUID             / ""                         → patient + study keys, received
 * archive_series           StudyUID             / SeriesUID                  → series keys
 * archive_series_study     SeriesUID            / ""                         → StudyUID
 * archive_instance         SeriesUID            / SOPInstanceUID             → instance keys, location
 * archive_instance_meta    SeriesUID            / SOPInstanceUID             → DICOM JSON (PS3.18 §F.2)
 * archive_sop (CAS)        SOPInstanceUID       / ""                         → study, series, blob
 * archive_by_accession     AccessionNumber      / StudyUID                   → ""
 * archive_by_date          yyyyMM (StudyDate)   / yyyyMMdd \ StudyUID        → ""
 * archive_by_received      yyyyMM (received)    / epoch-ms \ StudyUID        → ""
 * archive_months           "date" | "received"  / yyyyMM                     → "" (which month partitions exist)
 * archive_study_lookup     StudyUID             / [table, partition, clustering] → "" (every lookup row of the study)
 * </pre>
 *
 * An empty PatientID or AccessionNumber is stored under a backslash, which no LO or SH value can
 * contain (PS3.5 §6.2), so no real value collides with it.
 */
final class IndexTables {
    static final TableSpec PATIENT = TableSpec.plain("archive_patient");
    static final TableSpec PATIENT_STUDY = TableSpec.plain("archive_patient_study");
    static final TableSpec STUDY = TableSpec.plain("archive_study");
    static final TableSpec SERIES = TableSpec.plain("archive_series");
    static final TableSpec SERIES_STUDY = TableSpec.plain("archive_series_study");
    static final TableSpec INSTANCE = TableSpec.plain("archive_instance");
    static final TableSpec INSTANCE_META = TableSpec.plain("archive_instance_meta");
    static final TableSpec SOP = TableSpec.withCompareAndSet("archive_sop");
    static final TableSpec BY_ACCESSION = TableSpec.plain("archive_by_accession");
    static final TableSpec BY_DATE = TableSpec.plain("archive_by_date");
    static final TableSpec BY_RECEIVED = TableSpec.plain("archive_by_received");
    static final TableSpec MONTHS = TableSpec.plain("archive_months");
    static final TableSpec STUDY_LOOKUP = TableSpec.plain("archive_study_lookup");

    static final List<TableSpec> LOOKUP_TABLES = List.of(PATIENT_STUDY, BY_ACCESSION, BY_DATE, BY_RECEIVED);

    static final SchemaMigration MIGRATION = new SchemaMigration("archive", 1,
            "archive index: patients, studies, series, instances, per-series metadata, study lookups",
            List.of(PATIENT, PATIENT_STUDY, STUDY, SERIES, SERIES_STUDY, INSTANCE, INSTANCE_META, SOP,
                    BY_ACCESSION, BY_DATE, BY_RECEIVED, MONTHS, STUDY_LOOKUP));

    static final String MONTHS_BY_DATE = "date";
    static final String MONTHS_BY_RECEIVED = "received";
    /** Stands for an empty PatientID / AccessionNumber in a partition key. */
    static final String EMPTY = "\\";
    static final char SEP = '\\';

    private IndexTables() {
    }

    static String valueKey(String value) {
        return value == null || value.isEmpty() ? EMPTY : value;
    }

    static byte[] bytes(JsonObject json) {
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }

    static JsonObject json(StoredRecord r) {
        return new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
    }

    static String text(StoredRecord r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }

    /** The part of a {@code prefix \ uid} clustering key after the last separator. */
    static String afterSep(String clustering) {
        return clustering.substring(clustering.lastIndexOf(SEP) + 1);
    }

    /** A lookup row: the table, its key; its name in {@link #STUDY_LOOKUP} is the JSON triple. */
    record Lookup(TableSpec table, RecordKey key) {
        String registryName() {
            return new JsonArray().add(table.name()).add(key.partition()).add(key.clustering()).encode();
        }

        static Optional<Lookup> fromRegistryName(String name) {
            JsonArray a = new JsonArray(name);
            return LOOKUP_TABLES.stream().filter(t -> t.name().equals(a.getString(0))).findFirst()
                    .map(t -> new Lookup(t, RecordKey.of(a.getString(1), a.getString(2))));
        }
    }

    /** The attributes of the given levels as a JSON object keyed by keyword. */
    static JsonObject attrs(Map<QueryKey, String> values, Function<QueryLevel, Boolean> levels) {
        JsonObject o = new JsonObject();
        values.forEach((k, v) -> {
            if (levels.apply(k.level()) && !k.isComputed() && v != null && !v.isEmpty()) {
                o.put(k.keyword(), v);
            }
        });
        return o;
    }

    static Map<QueryKey, String> attrs(JsonObject o) {
        EnumMap<QueryKey, String> m = new EnumMap<>(QueryKey.class);
        if (o != null) {
            o.forEach(e -> QueryKey.byName(e.getKey()).ifPresent(k -> m.put(k, String.valueOf(e.getValue()))));
        }
        return m;
    }

    /** Every record of a partition, paging past {@link RangeQuery#MAX_LIMIT}. */
    static Future<List<StoredRecord>> all(RecordStore store, TableSpec table, RangeQuery query) {
        List<StoredRecord> out = new ArrayList<>();
        return page(store, table, query, out).map(v -> out);
    }

    private static Future<Void> page(RecordStore store, TableSpec table, RangeQuery query, List<StoredRecord> out) {
        return store.range(table, query).compose(rs -> {
            out.addAll(rs);
            if (rs.size() < query.limit()) {
                return Future.succeededFuture();
            }
            String last = rs.getLast().key().clustering();
            RangeQuery next = query.descending() ? query.to(last) : query.from(last + "\0");
            return page(store, table, next, out);
        });
    }

    /** Runs {@code work} over {@code items}, at most {@code batch} at a time, results in order. */
    static <T, R> Future<List<R>> inBatches(List<T> items, int batch, Function<T, Future<R>> work) {
        List<R> out = new ArrayList<>(items.size());
        return batchFrom(items, 0, batch, work, out).map(v -> out);
    }

    private static <T, R> Future<Void> batchFrom(List<T> items, int from, int batch, Function<T, Future<R>> work, List<R> out) {
        if (from >= items.size()) {
            return Future.succeededFuture();
        }
        List<Future<R>> running = new ArrayList<>();
        for (T item : items.subList(from, Math.min(items.size(), from + batch))) {
            running.add(work.apply(item));
        }
        return Future.all(running).compose(all -> {
            for (int i = 0; i < running.size(); i++) {
                out.add(all.resultAt(i));
            }
            return batchFrom(items, from + batch, batch, work, out);
        });
    }
}
