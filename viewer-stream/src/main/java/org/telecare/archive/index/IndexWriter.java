package org.telecare.archive.index;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.storage.CasResult;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.blob.BlobId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.telecare.archive.index.IndexTables.*;

/**
 * Writes and deletes index rows. Every write is a plain, idempotent put of a row derived from one
 * instance, so the same instance indexed twice leaves the same rows, and instances of one study
 * indexed at once by several associations never overwrite each other's rows. The only
 * compare-and-set is the claim of the SOP Instance UID ({@link IndexTables#SOP}), which decides
 * duplicates consistently across nodes.
 *
 * <p>Order of writes, so that an interrupted write leaves nothing a delete cannot find: the claim,
 * then the study's lookup registry, then the lookup rows, then the entity rows.
 */
final class IndexWriter {
    private static final int MAX_CLAIM_ATTEMPTS = 16;
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final RecordStore store;
    private final ZoneId zone;

    IndexWriter(RecordStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** The outcome of claiming a SOP Instance UID, and the previous location when replacing. */
    private record Claim(IndexOutcome outcome, Optional<JsonObject> previous) {
    }

    Future<IndexOutcome> index(IndexedInstance in, DuplicatePolicy policy) {
        return claim(in, policy, 1).compose(claim -> switch (claim.outcome()) {
            case KEPT_FIRST -> Future.succeededFuture(IndexOutcome.KEPT_FIRST);
            case REPLACED -> removeMoved(in, claim.previous().orElseThrow())
                    .compose(v -> writeRows(in)).map(IndexOutcome.REPLACED);
            default -> writeRows(in).map(claim.outcome());
        });
    }

    private static JsonObject claimJson(IndexedInstance in) {
        return new JsonObject().put("study", in.studyInstanceUid()).put("series", in.seriesInstanceUid())
                .put("blob", in.location().blob().sha256());
    }

    private Future<Claim> claim(IndexedInstance in, DuplicatePolicy policy, int attempt) {
        RecordKey key = RecordKey.of(in.sopInstanceUid(), "");
        JsonObject mine = claimJson(in);
        return store.putIfAbsent(SOP, key, bytes(mine), null).compose(r -> {
            if (r.applied()) {
                return Future.succeededFuture(new Claim(IndexOutcome.STORED, Optional.empty()));
            }
            if (r.current().isEmpty()) {
                // deleted between our write and the read-back: try again
                return retry(in, policy, attempt);
            }
            StoredRecord current = r.current().get();
            JsonObject theirs = json(current);
            if (theirs.equals(mine)) {
                return Future.succeededFuture(new Claim(IndexOutcome.UNCHANGED, Optional.empty()));
            }
            return switch (policy) {
                case REJECT -> Future.failedFuture(new DuplicateInstanceException(in.sopInstanceUid(),
                        new BlobId(theirs.getString("blob"))));
                case KEEP_FIRST -> Future.succeededFuture(new Claim(IndexOutcome.KEPT_FIRST, Optional.empty()));
                case REPLACE -> store.replaceIfVersion(SOP, key, current.version(), bytes(mine), null)
                        .compose((CasResult replaced) -> replaced.applied()
                                ? Future.succeededFuture(new Claim(IndexOutcome.REPLACED, Optional.of(theirs)))
                                : retry(in, policy, attempt));
            };
        });
    }

    private Future<Claim> retry(IndexedInstance in, DuplicatePolicy policy, int attempt) {
        if (attempt >= MAX_CLAIM_ATTEMPTS) {
            return Future.failedFuture(new IllegalStateException("SOP Instance UID " + in.sopInstanceUid()
                    + " is being written concurrently; gave up after " + attempt + " attempts"));
        }
        return claim(in, policy, attempt + 1);
    }

    /** A replaced instance that moved to another series: its old rows go (empty parents with them). */
    private Future<Void> removeMoved(IndexedInstance in, JsonObject previous) {
        String oldStudy = previous.getString("study");
        String oldSeries = previous.getString("series");
        if (oldStudy.equals(in.studyInstanceUid()) && oldSeries.equals(in.seriesInstanceUid())) {
            return Future.succeededFuture();
        }
        return deleteInstanceRows(oldSeries, in.sopInstanceUid()).compose(v -> pruneSeries(oldStudy, oldSeries));
    }

    private Future<Void> writeRows(IndexedInstance in) {
        String study = in.studyInstanceUid();
        String series = in.seriesInstanceUid();
        JsonObject studyAttrs = attrs(in.attributes(), l -> l.isAtOrAbove(QueryLevel.STUDY));
        return store.get(STUDY, RecordKey.of(study, "")).compose(existing -> {
            Optional<JsonObject> before = existing.map(IndexTables::json);
            long received = before.map(b -> b.getLong("received")).orElse(in.received().toEpochMilli());
            List<Future<Void>> rows = new ArrayList<>();
            Future<Void> studyLevel;
            if (before.isPresent() && before.get().getJsonObject("attrs").equals(studyAttrs)) {
                // The study and its lookups are already as this instance would write them.
                studyLevel = Future.succeededFuture();
            } else {
                studyLevel = writeStudy(in, studyAttrs, received, before.isEmpty());
            }
            rows.add(store.put(SERIES_STUDY, RecordKey.of(series, ""), study.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            rows.add(store.put(SERIES, RecordKey.of(study, series), bytes(new JsonObject()
                    .put("attrs", attrs(in.attributes(), l -> l == QueryLevel.SERIES)))));
            rows.add(store.put(INSTANCE_META, RecordKey.of(series, in.sopInstanceUid()), bytes(in.metadata())));
            rows.add(store.put(INSTANCE, RecordKey.of(series, in.sopInstanceUid()), bytes(instanceRow(in))));
            return studyLevel.compose(v -> Future.all(rows)).mapEmpty();
        });
    }

    private static JsonObject instanceRow(IndexedInstance in) {
        return new JsonObject()
                .put("attrs", attrs(in.attributes(), l -> l == QueryLevel.IMAGE))
                .put("blob", in.location().blob().sha256())
                .put("ts", in.location().transferSyntaxUid())
                .put("size", in.location().sizeBytes())
                .put("received", in.received().toEpochMilli())
                .put("ae", in.callingAeTitle());
    }

    private Future<Void> writeStudy(IndexedInstance in, JsonObject studyAttrs, long received, boolean firstTime) {
        String study = in.studyInstanceUid();
        String pid = valueKey(in.value(QueryKey.PatientID));
        String issuer = in.value(QueryKey.IssuerOfPatientID);
        List<Lookup> lookups = new ArrayList<>();
        lookups.add(new Lookup(PATIENT_STUDY, RecordKey.of(pid, issuer + SEP + study)));
        if (!in.value(QueryKey.AccessionNumber).isEmpty()) {
            lookups.add(new Lookup(BY_ACCESSION, RecordKey.of(in.value(QueryKey.AccessionNumber), study)));
        }
        String day = indexDate(in.value(QueryKey.StudyDate), received);
        lookups.add(new Lookup(BY_DATE, RecordKey.of(day.substring(0, 6), day + SEP + study)));
        String receivedMonth = YYYYMMDD.format(Instant.ofEpochMilli(received).atZone(zone).toLocalDate()).substring(0, 6);
        if (firstTime) {
            lookups.add(new Lookup(BY_RECEIVED, RecordKey.of(receivedMonth, String.format("%013d", received) + SEP + study)));
        }
        List<Future<Void>> registry = new ArrayList<>();
        for (Lookup l : lookups) {
            registry.add(store.put(STUDY_LOOKUP, RecordKey.of(study, l.registryName()), new byte[0]));
        }
        return Future.all(registry).compose(v -> {
            List<Future<Void>> rows = new ArrayList<>();
            for (Lookup l : lookups) {
                rows.add(store.put(l.table(), l.key(), new byte[0]));
            }
            rows.add(store.put(MONTHS, RecordKey.of(MONTHS_BY_DATE, day.substring(0, 6)), new byte[0]));
            rows.add(store.put(MONTHS, RecordKey.of(MONTHS_BY_RECEIVED, receivedMonth), new byte[0]));
            rows.add(store.put(PATIENT, RecordKey.of(pid, issuer),
                    bytes(attrs(in.attributes(), l -> l == QueryLevel.PATIENT))));
            // The study row last: once it is there with these attributes, later instances skip the lookups.
            return Future.all(rows).compose(w -> store.put(STUDY, RecordKey.of(study, ""),
                    bytes(new JsonObject().put("attrs", studyAttrs).put("received", received))));
        });
    }

    /**
     * The day a study is filed under: its StudyDate, or the day it was first received when it
     * has none (or a malformed one), so that every study is in some date bucket.
     */
    String indexDate(String studyDate, long received) {
        if (studyDate != null && !studyDate.isEmpty()) {
            try {
                return YYYYMMDD.format(LocalDate.parse(studyDate, YYYYMMDD));
            } catch (DateTimeParseException ignored) {
                // filed under the received date below
            }
        }
        return YYYYMMDD.format(Instant.ofEpochMilli(received).atZone(zone).toLocalDate());
    }

    // ---- deletes -------------------------------------------------------------------------

    /** Deletes one instance; empty series and studies go with it. {@code false} if unknown. */
    Future<Boolean> deleteInstance(String sopUid) {
        RecordKey key = RecordKey.of(sopUid, "");
        return store.get(SOP, key).compose(claim -> {
            if (claim.isEmpty()) {
                return Future.succeededFuture(false);
            }
            JsonObject c = json(claim.get());
            return deleteInstanceRows(c.getString("series"), sopUid)
                    .compose(v -> store.deleteIfVersion(SOP, key, claim.get().version()))
                    .compose(v -> pruneSeries(c.getString("study"), c.getString("series")))
                    .map(true);
        });
    }

    /** Deletes a series with all its instances; an empty study goes with it. */
    Future<Boolean> deleteSeries(String study, String series) {
        return store.get(SERIES, RecordKey.of(study, series)).compose(row -> {
            if (row.isEmpty()) {
                return Future.succeededFuture(false);
            }
            return deleteSeriesContent(study, series).compose(v -> pruneStudy(study)).map(true);
        });
    }

    /** Deletes a study: its series, instances, lookups, and the patient when it has no other study. */
    Future<Boolean> deleteStudy(String study) {
        return all(store, SERIES, RangeQuery.all(study)).compose(series ->
                inBatches(series, 8, s -> deleteSeriesContent(study, s.key().clustering()))).compose(v ->
                store.get(STUDY, RecordKey.of(study, "")).compose(row -> deleteStudyRows(study).map(row.isPresent())));
    }

    private Future<Void> deleteSeriesContent(String study, String series) {
        return all(store, INSTANCE, RangeQuery.all(series)).compose(instances -> inBatches(instances, 32, r -> {
            String sop = r.key().clustering();
            return deleteInstanceRows(series, sop).compose(v -> deleteClaim(sop, series));
        })).compose(v -> store.delete(SERIES, RecordKey.of(study, series)))
                .compose(v -> store.delete(SERIES_STUDY, RecordKey.of(series, "")));
    }

    /** Removes the claim unless it meanwhile points elsewhere (the instance was replaced into another series). */
    private Future<Void> deleteClaim(String sop, String series) {
        RecordKey key = RecordKey.of(sop, "");
        return store.get(SOP, key).compose(c -> {
            if (c.isEmpty() || !series.equals(json(c.get()).getString("series"))) {
                return Future.succeededFuture();
            }
            return store.deleteIfVersion(SOP, key, c.get().version()).mapEmpty();
        });
    }

    private Future<Void> deleteInstanceRows(String series, String sop) {
        return Future.all(store.delete(INSTANCE, RecordKey.of(series, sop)),
                store.delete(INSTANCE_META, RecordKey.of(series, sop))).mapEmpty();
    }

    private Future<Void> pruneSeries(String study, String series) {
        return store.range(INSTANCE, RangeQuery.all(series).limit(1)).compose(left -> left.isEmpty()
                ? store.delete(SERIES, RecordKey.of(study, series))
                        .compose(v -> store.delete(SERIES_STUDY, RecordKey.of(series, "")))
                        .compose(v -> pruneStudy(study))
                : Future.succeededFuture());
    }

    private Future<Void> pruneStudy(String study) {
        return store.range(SERIES, RangeQuery.all(study).limit(1)).compose(left -> left.isEmpty()
                ? deleteStudyRows(study)
                : Future.succeededFuture());
    }

    /** The study row, every lookup row in its registry, the registry, and patients left without studies. */
    private Future<Void> deleteStudyRows(String study) {
        return all(store, STUDY_LOOKUP, RangeQuery.all(study)).compose(registry -> {
            List<Lookup> lookups = new ArrayList<>();
            registry.forEach(r -> Lookup.fromRegistryName(r.key().clustering()).ifPresent(lookups::add));
            return inBatches(lookups, 32, l -> store.delete(l.table(), l.key()))
                    .compose(v -> store.delete(STUDY, RecordKey.of(study, "")))
                    .compose(v -> prunePatients(lookups))
                    .compose(v -> inBatches(registry, 32, r -> store.delete(STUDY_LOOKUP, r.key())))
                    .mapEmpty();
        });
    }

    private Future<Void> prunePatients(List<Lookup> lookups) {
        Set<List<String>> patients = new HashSet<>();
        for (Lookup l : lookups) {
            if (l.table().equals(PATIENT_STUDY)) {
                String c = l.key().clustering();
                patients.add(List.of(l.key().partition(), c.substring(0, c.lastIndexOf(SEP))));
            }
        }
        return inBatches(new ArrayList<>(patients), 16, p -> {
            String pid = p.get(0);
            String issuer = p.get(1);
            return store.range(PATIENT_STUDY, RangeQuery.prefix(pid, issuer + SEP).limit(1)).compose(left -> left.isEmpty()
                    ? store.delete(PATIENT, RecordKey.of(pid, issuer))
                    : Future.succeededFuture());
        }).mapEmpty();
    }
}
