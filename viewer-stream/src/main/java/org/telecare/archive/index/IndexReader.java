package org.telecare.archive.index;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.archive.query.Matcher;
import org.telecare.archive.query.QueryFilter;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.blob.BlobId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.telecare.archive.index.IndexTables.*;

/**
 * Answers queries: picks the narrowest lookup for the keys given (PS3.4 §C.2.2.2 matching is
 * then applied to every candidate, so a lookup only needs to return a superset), loads the rows,
 * computes the derived attributes (ModalitiesInStudy, the Number of … Related … counts) from
 * the rows below, and pages the result in a stable order.
 *
 * <p>Plans, most selective first. Studies: StudyInstanceUID(s) → the study rows; AccessionNumber
 * → {@code archive_by_accession}; PatientID → {@code archive_patient_study}; StudyDate → the
 * month partitions of {@code archive_by_date} in the range; otherwise a walk over
 * {@code archive_by_received}, newest first, until enough matches are found or the scan bound
 * is reached. Series and instances are read per study / per series partition; a relational
 * query by SeriesInstanceUID or SOPInstanceUID alone goes through {@code archive_series_study} /
 * {@code archive_sop}.
 *
 * <p>Order: studies by StudyDate, StudyTime (newest first), then StudyInstanceUID; on the walk
 * by first receipt, newest first. Series by SeriesNumber, instances by InstanceNumber, then UID.
 */
final class IndexReader {
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int BATCH = 64;

    private final RecordStore store;
    private final ZoneId zone;
    private final int scanBound;

    IndexReader(RecordStore store, ZoneId zone, int scanBound) {
        this.store = store;
        this.zone = zone;
        this.scanBound = scanBound;
    }

    record StudyRow(String uid, Map<QueryKey, String> attrs, long received) {
    }

    record SeriesRow(StudyRow study, String uid, Map<QueryKey, String> attrs) {
    }

    record InstanceRow(SeriesRow series, String uid, JsonObject row) {
        Map<QueryKey, String> attrs() {
            return IndexTables.attrs(row.getJsonObject("attrs"));
        }
    }

    private record Studies(List<StudyRow> rows, boolean complete) {
    }

    /** Derived study attributes; {@code instances} is -1 when not counted (it costs a read per series). */
    private record Summary(String modalities, int series, int instances) {
    }

    // ---- entry ---------------------------------------------------------------------------

    Future<QueryResult> find(IndexQuery q) {
        QueryFilter filter;
        try {
            filter = validate(q);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return switch (q.level()) {
            case PATIENT -> findPatients(q, filter);
            case STUDY -> findStudies(q, filter);
            case SERIES -> findSeries(q, filter);
            case IMAGE -> findInstances(q, filter);
        };
    }

    private static QueryFilter validate(IndexQuery q) {
        for (QueryKey k : q.keys().keySet()) {
            if (!k.level().isAtOrAbove(q.level())) {
                throw new IllegalArgumentException(k.keyword() + " is a " + k.level() + " attribute and cannot be a key of a "
                        + q.level() + " level query (PS3.4 §C.4.1.1.3.1)");
            }
        }
        QueryFilter filter = QueryFilter.parse(q.keys(), q.fuzzy());
        if (!q.relational()) {
            // Hierarchical search, PS3.4 §C.4.1.3.1.1: one value for the unique key of each level above
            if (q.level() == QueryLevel.SERIES || q.level() == QueryLevel.IMAGE) {
                requireSingleUid(filter, QueryKey.StudyInstanceUID, q.level());
            }
            if (q.level() == QueryLevel.IMAGE) {
                requireSingleUid(filter, QueryKey.SeriesInstanceUID, q.level());
            }
        }
        return filter;
    }

    private static void requireSingleUid(QueryFilter filter, QueryKey key, QueryLevel level) {
        if (!(filter.matcher(key) instanceof Matcher.SingleValue)) {
            throw new IllegalArgumentException("a hierarchical " + level + " level query needs one " + key.keyword()
                    + " (PS3.4 §C.4.1.3.1.1); use relational queries otherwise");
        }
    }

    // ---- patients ------------------------------------------------------------------------

    private Future<QueryResult> findPatients(IndexQuery q, QueryFilter f) {
        Optional<String> pid = singleValue(f, QueryKey.PatientID);
        Future<List<Map<QueryKey, String>>> candidates;
        boolean[] complete = {true};
        if (pid.isPresent()) {
            candidates = all(store, PATIENT, RangeQuery.all(valueKey(pid.get())))
                    .map(rs -> rs.stream().map(r -> attrs(json(r))).toList());
        } else {
            // No patient index by name: patients are found through the studies, newest first.
            candidates = walkStudies(f, Integer.MAX_VALUE, QueryLevel.PATIENT).map(s -> {
                complete[0] = s.complete();
                Map<List<String>, Map<QueryKey, String>> byPatient = new LinkedHashMap<>();
                for (StudyRow st : s.rows()) {
                    byPatient.putIfAbsent(List.of(st.attrs().getOrDefault(QueryKey.PatientID, ""),
                            st.attrs().getOrDefault(QueryKey.IssuerOfPatientID, "")), patientPart(st.attrs()));
                }
                return new ArrayList<>(byPatient.values());
            });
        }
        boolean needsCount = f.constrained().contains(QueryKey.NumberOfPatientRelatedStudies);
        return candidates.compose(ps -> needsCount ? withStudyCounts(ps) : Future.succeededFuture(ps)).compose(ps -> {
            List<Map<QueryKey, String>> matching = new ArrayList<>();
            for (Map<QueryKey, String> p : ps) {
                if (f.test(QueryLevel.PATIENT, p::get)) {
                    matching.add(p);
                }
            }
            matching.sort(Comparator.comparing((Map<QueryKey, String> p) -> p.getOrDefault(QueryKey.PatientID, ""))
                    .thenComparing(p -> p.getOrDefault(QueryKey.IssuerOfPatientID, "")));
            List<Map<QueryKey, String>> page = page(matching, q);
            Set<QueryKey> fields = fields(q);
            Future<List<Map<QueryKey, String>>> counted = fields.contains(QueryKey.NumberOfPatientRelatedStudies) && !needsCount
                    ? withStudyCounts(page) : Future.succeededFuture(page);
            return counted.map(rows -> new QueryResult(rows.stream().map(p -> render(fields, p::get)).toList(), complete[0]));
        });
    }

    private static Map<QueryKey, String> patientPart(Map<QueryKey, String> attrs) {
        EnumMap<QueryKey, String> p = new EnumMap<>(QueryKey.class);
        attrs.forEach((k, v) -> {
            if (k.level() == QueryLevel.PATIENT) {
                p.put(k, v);
            }
        });
        return p;
    }

    private Future<List<Map<QueryKey, String>>> withStudyCounts(List<Map<QueryKey, String>> patients) {
        return inBatches(patients, BATCH, p -> {
            String prefix = p.getOrDefault(QueryKey.IssuerOfPatientID, "") + SEP;
            return all(store, PATIENT_STUDY, RangeQuery.prefix(valueKey(p.get(QueryKey.PatientID)), prefix)).map(rs -> {
                EnumMap<QueryKey, String> copy = new EnumMap<>(QueryKey.class);
                copy.putAll(p);
                copy.put(QueryKey.NumberOfPatientRelatedStudies, Integer.toString(rs.size()));
                return (Map<QueryKey, String>) copy;
            });
        });
    }

    // ---- studies -------------------------------------------------------------------------

    private Future<QueryResult> findStudies(IndexQuery q, QueryFilter f) {
        return matchingStudies(f, q.offset() + q.limit()).compose(studies -> {
            List<StudyRow> page = page(studies.rows(), q);
            Set<QueryKey> fields = fields(q);
            boolean computed = fields.stream().anyMatch(k -> k.isComputed() && k.level() == QueryLevel.STUDY);
            boolean instances = fields.contains(QueryKey.NumberOfStudyRelatedInstances);
            return inBatches(page, BATCH, s -> computed ? summary(s.uid(), instances).map(Optional::of)
                    : Future.succeededFuture(Optional.<Summary>empty())).map(summaries -> {
                List<Map<QueryKey, String>> out = new ArrayList<>();
                for (int i = 0; i < page.size(); i++) {
                    out.add(render(fields, studyAttrs(page.get(i), summaries.get(i).orElse(null))));
                }
                return new QueryResult(out, studies.complete());
            });
        });
    }

    /** The studies matching every patient- and study-level key, in result order. */
    private Future<Studies> matchingStudies(QueryFilter f, int needed) {
        Optional<List<String>> uids = uids(f, QueryKey.StudyInstanceUID);
        Optional<String> accession = singleValue(f, QueryKey.AccessionNumber);
        Optional<String> pid = singleValue(f, QueryKey.PatientID);
        Future<List<String>> candidates;
        if (uids.isPresent()) {
            candidates = Future.succeededFuture(uids.get());
        } else if (accession.isPresent()) {
            candidates = all(store, BY_ACCESSION, RangeQuery.all(accession.get()))
                    .map(rs -> rs.stream().map(r -> r.key().clustering()).toList());
        } else if (pid.isPresent()) {
            candidates = all(store, PATIENT_STUDY, RangeQuery.all(valueKey(pid.get())))
                    .map(rs -> rs.stream().map(r -> afterSep(r.key().clustering())).toList());
        } else if (f.matcher(QueryKey.StudyDate) instanceof Matcher.Range range) {
            candidates = byDate(range);
        } else {
            return walkStudies(f, needed, QueryLevel.STUDY);
        }
        return candidates.compose(list -> loadStudies(new ArrayList<>(new LinkedHashSet<>(list))))
                .compose(rows -> filterStudies(rows, f)).map(rows -> {
                    List<StudyRow> sorted = new ArrayList<>(rows);
                    sorted.sort(STUDY_ORDER);
                    return new Studies(sorted, true);
                });
    }

    private static final Comparator<StudyRow> STUDY_ORDER = Comparator
            .comparing((StudyRow s) -> s.attrs().getOrDefault(QueryKey.StudyDate, ""), Comparator.reverseOrder())
            .thenComparing(s -> s.attrs().getOrDefault(QueryKey.StudyTime, ""), Comparator.reverseOrder())
            .thenComparing(StudyRow::uid);

    /** Candidates from the month partitions a date range covers (months that exist, when open-ended). */
    private Future<List<String>> byDate(Matcher.Range range) {
        String from = range.low() == Long.MIN_VALUE ? "" : day(range.low());
        String to = range.high() == Long.MAX_VALUE ? "99999999" : day(range.high());
        return all(store, MONTHS, RangeQuery.all(MONTHS_BY_DATE)).compose(months -> {
            List<String> inRange = months.stream().map(r -> r.key().clustering())
                    .filter(m -> m.compareTo(from.isEmpty() ? "" : from.substring(0, 6)) >= 0 && m.compareTo(to.substring(0, 6)) <= 0)
                    .toList();
            return inBatches(inRange, 8, m -> all(store, BY_DATE,
                    RangeQuery.all(m).from(from).to(to + SEP + Character.MAX_VALUE)));
        }).map(parts -> parts.stream().flatMap(List::stream).map(r -> afterSep(r.key().clustering())).toList());
    }

    private static String day(long epochMicros) {
        return YYYYMMDD.format(LocalDate.ofEpochDay(Math.floorDiv(epochMicros, 86_400_000_000L)));
    }

    /**
     * Studies by first receipt, newest first, until {@code needed} match (at {@code level}: the
     * patient keys only for a patient query) or {@link #scanBound} studies were examined.
     */
    private Future<Studies> walkStudies(QueryFilter f, int needed, QueryLevel level) {
        return all(store, MONTHS, RangeQuery.all(MONTHS_BY_RECEIVED).reversed()).compose(months -> {
            List<StudyRow> found = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            int[] examined = {0};
            return walkMonth(months.stream().map(r -> r.key().clustering()).toList(), 0, f, level, needed, found, seen, examined)
                    .map(done -> new Studies(found, done));
        });
    }

    /** Completes with whether the walk saw everything it needed (not stopped by the scan bound). */
    private Future<Boolean> walkMonth(List<String> months, int i, QueryFilter f, QueryLevel level, int needed,
                                      List<StudyRow> found, Set<String> seen, int[] examined) {
        if (found.size() >= needed || i >= months.size()) {
            return Future.succeededFuture(true);
        }
        if (examined[0] >= scanBound) {
            return Future.succeededFuture(false);
        }
        return all(store, BY_RECEIVED, RangeQuery.all(months.get(i)).reversed()).compose(rows -> {
            List<String> uids = new ArrayList<>();
            for (StoredRecord r : rows) {
                String uid = afterSep(r.key().clustering());
                if (seen.add(uid)) {
                    uids.add(uid);
                }
            }
            return walkChunk(uids, 0, f, level, needed, found, examined);
        }).compose(cutShort -> cutShort ? Future.succeededFuture(false)
                : walkMonth(months, i + 1, f, level, needed, found, seen, examined));
    }

    /** Completes with whether the scan bound cut the walk short (studies left unexamined). */
    private Future<Boolean> walkChunk(List<String> uids, int from, QueryFilter f, QueryLevel level, int needed,
                                      List<StudyRow> found, int[] examined) {
        if (found.size() >= needed || from >= uids.size()) {
            return Future.succeededFuture(false);
        }
        if (examined[0] >= scanBound) {
            return Future.succeededFuture(true);
        }
        List<String> chunk = uids.subList(from, Math.min(uids.size(), from + Math.min(BATCH, scanBound - examined[0])));
        examined[0] += chunk.size();
        Future<List<StudyRow>> matching = loadStudies(chunk).compose(rows -> level == QueryLevel.PATIENT
                ? Future.succeededFuture(rows.stream().filter(s -> f.test(QueryLevel.PATIENT, s.attrs()::get)).toList())
                : filterStudies(rows, f));
        return matching.compose(rows -> {
            for (StudyRow r : rows) {
                if (found.size() < needed) {
                    found.add(r);
                }
            }
            return walkChunk(uids, from + chunk.size(), f, level, needed, found, examined);
        });
    }

    private Future<List<StudyRow>> loadStudies(List<String> uids) {
        return inBatches(uids, BATCH, uid -> store.get(STUDY, RecordKey.of(uid, "")).map(r -> r.map(x -> {
            JsonObject o = json(x);
            return new StudyRow(uid, attrs(o.getJsonObject("attrs")), o.getLong("received", 0L));
        }))).map(rs -> rs.stream().flatMap(Optional::stream).toList());
    }

    private Future<List<StudyRow>> filterStudies(List<StudyRow> rows, QueryFilter f) {
        boolean computed = f.constrained().stream().anyMatch(k -> k.isComputed() && k.level() == QueryLevel.STUDY);
        List<StudyRow> first = rows.stream().filter(s -> f.test(QueryLevel.PATIENT, s.attrs()::get)
                && (computed || f.test(QueryLevel.STUDY, matchingAttrs(s, null)))).toList();
        if (!computed) {
            return Future.succeededFuture(first);
        }
        boolean instances = f.constrained().contains(QueryKey.NumberOfStudyRelatedInstances);
        return inBatches(first, BATCH, s -> summary(s.uid(), instances).map(sum -> f.test(QueryLevel.STUDY, matchingAttrs(s, sum))
                ? Optional.of(s) : Optional.<StudyRow>empty())).map(rs -> rs.stream().flatMap(Optional::stream).toList());
    }

    /**
     * Attributes for matching: a study without a StudyDate is dated by its first receipt, the
     * same day it is filed under in {@code archive_by_date} (PS3.4 leaves the matching of
     * entities without a value to the SCP). Returned attributes keep the empty date.
     */
    private Function<QueryKey, String> matchingAttrs(StudyRow s, Summary sum) {
        Function<QueryKey, String> base = studyAttrs(s, sum);
        return k -> {
            String v = base.apply(k);
            if (k == QueryKey.StudyDate && (v == null || v.isEmpty())) {
                return YYYYMMDD.format(Instant.ofEpochMilli(s.received()).atZone(zone).toLocalDate());
            }
            return v;
        };
    }

    private static Function<QueryKey, String> studyAttrs(StudyRow s, Summary sum) {
        return k -> switch (k) {
            case ModalitiesInStudy -> sum == null ? null : sum.modalities();
            case NumberOfStudyRelatedSeries -> sum == null ? null : Integer.toString(sum.series());
            case NumberOfStudyRelatedInstances -> sum == null || sum.instances() < 0 ? null : Integer.toString(sum.instances());
            default -> s.attrs().get(k);
        };
    }

    /**
     * ModalitiesInStudy and the counts, from the series rows and, when asked for, the instance
     * rows of each series (computed when read, see {@link StudyIndex}).
     */
    private Future<Summary> summary(String study, boolean countInstances) {
        return all(store, SERIES, RangeQuery.all(study)).compose(series -> {
            TreeSet<String> modalities = new TreeSet<>();
            for (StoredRecord r : series) {
                String m = attrs(json(r).getJsonObject("attrs")).get(QueryKey.Modality);
                if (m != null && !m.isEmpty()) {
                    modalities.add(m);
                }
            }
            if (!countInstances) {
                return Future.succeededFuture(new Summary(String.join("\\", modalities), series.size(), -1));
            }
            return inBatches(series, BATCH, r -> countInstances(r.key().clustering()))
                    .map(counts -> new Summary(String.join("\\", modalities), series.size(),
                            counts.stream().mapToInt(Integer::intValue).sum()));
        });
    }

    private Future<Integer> countInstances(String series) {
        return all(store, INSTANCE, RangeQuery.all(series)).map(List::size);
    }

    // ---- series --------------------------------------------------------------------------

    private Future<QueryResult> findSeries(IndexQuery q, QueryFilter f) {
        return matchingSeries(f).compose(found -> {
            List<SeriesRow> page = page(found.rows(), q);
            Set<QueryKey> fields = fields(q);
            boolean count = fields.contains(QueryKey.NumberOfSeriesRelatedInstances);
            boolean studyComputed = fields.stream().anyMatch(k -> k.isComputed() && k.level() == QueryLevel.STUDY);
            return inBatches(page, BATCH, s -> {
                Future<Integer> n = count ? countInstances(s.uid()) : Future.succeededFuture(null);
                Future<Summary> sum = studyComputed
                        ? summary(s.study().uid(), fields.contains(QueryKey.NumberOfStudyRelatedInstances))
                        : Future.succeededFuture(null);
                return Future.all(n, sum).map(v -> render(fields, seriesAttrs(s, n.result(), sum.result())));
            }).map(rows -> new QueryResult(rows, found.complete()));
        });
    }

    private record SeriesMatches(List<SeriesRow> rows, boolean complete) {
    }

    private static Function<QueryKey, String> seriesAttrs(SeriesRow s, Integer count, Summary sum) {
        Function<QueryKey, String> study = studyAttrs(s.study(), sum);
        return k -> k == QueryKey.NumberOfSeriesRelatedInstances ? (count == null ? null : count.toString())
                : k.level() == QueryLevel.SERIES ? s.attrs().get(k) : study.apply(k);
    }

    /** Series matching every key at series level and above, in result order. */
    private Future<SeriesMatches> matchingSeries(QueryFilter f) {
        Optional<List<String>> seriesUids = uids(f, QueryKey.SeriesInstanceUID);
        Future<Studies> studies;
        if (seriesUids.isPresent() && uids(f, QueryKey.StudyInstanceUID).isEmpty()) {
            studies = inBatches(seriesUids.get(), BATCH, s -> store.get(SERIES_STUDY, RecordKey.of(s, "")))
                    .compose(rs -> loadStudies(rs.stream().flatMap(Optional::stream).map(IndexTables::text).distinct().toList()))
                    .compose(rows -> filterStudies(rows, f)).map(rows -> {
                        List<StudyRow> sorted = new ArrayList<>(rows);
                        sorted.sort(STUDY_ORDER);
                        return new Studies(sorted, true);
                    });
        } else {
            studies = matchingStudies(f, scanBound);
        }
        boolean counted = f.constrained().contains(QueryKey.NumberOfSeriesRelatedInstances);
        return studies.compose(st -> inBatches(st.rows(), 8, study -> seriesOf(study, seriesUids)).compose(perStudy -> {
            List<SeriesRow> candidates = new ArrayList<>();
            perStudy.forEach(candidates::addAll);
            return inBatches(candidates, BATCH, s -> {
                Future<Integer> n = counted ? countInstances(s.uid()) : Future.succeededFuture(null);
                return n.map(c -> f.test(QueryLevel.SERIES, seriesAttrs(s, c, null)) ? Optional.of(s) : Optional.<SeriesRow>empty());
            }).map(rs -> new SeriesMatches(rs.stream().flatMap(Optional::stream).toList(), st.complete()));
        }));
    }

    private Future<List<SeriesRow>> seriesOf(StudyRow study, Optional<List<String>> only) {
        Future<List<StoredRecord>> rows = only.isPresent()
                ? inBatches(only.get(), BATCH, s -> store.get(SERIES, RecordKey.of(study.uid(), s)))
                        .map(rs -> rs.stream().flatMap(Optional::stream).toList())
                : all(store, SERIES, RangeQuery.all(study.uid()));
        return rows.map(rs -> {
            List<SeriesRow> out = new ArrayList<>();
            for (StoredRecord r : rs) {
                out.add(new SeriesRow(study, r.key().clustering(), attrs(json(r).getJsonObject("attrs"))));
            }
            out.sort(Comparator.comparing((SeriesRow s) -> number(s.attrs().get(QueryKey.SeriesNumber))).thenComparing(SeriesRow::uid));
            return out;
        });
    }

    // ---- instances -----------------------------------------------------------------------

    private Future<QueryResult> findInstances(IndexQuery q, QueryFilter f) {
        Optional<List<String>> sops = uids(f, QueryKey.SOPInstanceUID);
        Future<SeriesMatches> series;
        if (sops.isPresent() && uids(f, QueryKey.SeriesInstanceUID).isEmpty() && uids(f, QueryKey.StudyInstanceUID).isEmpty()) {
            // relational by SOP Instance UID: the claims say where each instance is
            series = inBatches(sops.get(), BATCH, s -> store.get(SOP, RecordKey.of(s, ""))).compose(claims -> {
                Map<String, String> seriesToStudy = new LinkedHashMap<>();
                claims.stream().flatMap(Optional::stream).map(IndexTables::json)
                        .forEach(c -> seriesToStudy.put(c.getString("series"), c.getString("study")));
                Map<QueryKey, String> narrowed = new EnumMap<>(q.keys());
                narrowed.put(QueryKey.SeriesInstanceUID, String.join("\\", seriesToStudy.keySet()));
                if (seriesToStudy.isEmpty()) {
                    return Future.succeededFuture(new SeriesMatches(List.of(), true));
                }
                return matchingSeries(QueryFilter.parse(restrict(narrowed, QueryLevel.SERIES), q.fuzzy()));
            });
        } else {
            series = matchingSeries(QueryFilter.parse(restrict(q.keys(), QueryLevel.SERIES), q.fuzzy()));
        }
        return series.compose(found -> inBatches(found.rows(), 8, s -> instancesOf(s, sops)).map(perSeries -> {
            List<InstanceRow> matching = new ArrayList<>();
            for (List<InstanceRow> rows : perSeries) {
                for (InstanceRow r : rows) {
                    Map<QueryKey, String> a = r.attrs();
                    if (f.test(QueryLevel.IMAGE, a::get)) {
                        matching.add(r);
                    }
                }
            }
            Set<QueryKey> fields = fields(q);
            List<Map<QueryKey, String>> out = new ArrayList<>();
            for (InstanceRow r : page(matching, q)) {
                Map<QueryKey, String> a = r.attrs();
                Function<QueryKey, String> upper = seriesAttrs(r.series(), null, null);
                out.add(render(fields, k -> k.level() == QueryLevel.IMAGE ? a.get(k) : upper.apply(k)));
            }
            return new QueryResult(out, found.complete());
        }));
    }

    /** The keys of {@code level} and above (the series part of an instance query). */
    private static Map<QueryKey, String> restrict(Map<QueryKey, String> keys, QueryLevel level) {
        Map<QueryKey, String> out = new EnumMap<>(QueryKey.class);
        keys.forEach((k, v) -> {
            if (k.level().isAtOrAbove(level) && !k.isComputed()) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Future<List<InstanceRow>> instancesOf(SeriesRow series, Optional<List<String>> only) {
        Future<List<StoredRecord>> rows = only.isPresent()
                ? inBatches(only.get(), BATCH, s -> store.get(INSTANCE, RecordKey.of(series.uid(), s)))
                        .map(rs -> rs.stream().flatMap(Optional::stream).toList())
                : all(store, INSTANCE, RangeQuery.all(series.uid()));
        return rows.map(rs -> {
            List<InstanceRow> out = new ArrayList<>();
            for (StoredRecord r : rs) {
                out.add(new InstanceRow(series, r.key().clustering(), json(r)));
            }
            out.sort(Comparator.comparing((InstanceRow i) -> number(i.attrs().get(QueryKey.InstanceNumber))).thenComparing(InstanceRow::uid));
            return out;
        });
    }

    // ---- reads for retrieve --------------------------------------------------------------

    Future<Optional<StoredInstance>> instance(String sop) {
        return store.get(SOP, RecordKey.of(sop, "")).compose(c -> {
            if (c.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            JsonObject claim = json(c.get());
            return store.get(INSTANCE, RecordKey.of(claim.getString("series"), sop))
                    .map(r -> r.map(x -> stored(claim.getString("study"), claim.getString("series"), json(x))));
        });
    }

    Future<List<StoredInstance>> instances(String study, String series) {
        return all(store, INSTANCE, RangeQuery.all(series)).map(rs -> {
            List<StoredInstance> out = new ArrayList<>();
            for (StoredRecord r : rs) {
                out.add(stored(study, series, json(r)));
            }
            out.sort(Comparator.comparing((StoredInstance i) -> number(i.value(QueryKey.InstanceNumber))).thenComparing(StoredInstance::sopInstanceUid));
            return out;
        });
    }

    Future<List<String>> seriesUids(String study) {
        return all(store, SERIES, RangeQuery.all(study)).map(rs -> rs.stream().map(r -> r.key().clustering()).toList());
    }

    Future<List<JsonObject>> seriesMetadata(String series) {
        return all(store, INSTANCE_META, RangeQuery.all(series))
                .map(rs -> rs.stream().map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8))).toList());
    }

    /** The stored rows of a series as encoded JSON objects, not parsed. */
    Future<List<byte[]>> seriesMetadataBytes(String series) {
        return all(store, INSTANCE_META, RangeQuery.all(series)).map(rs -> rs.stream().map(StoredRecord::value).toList());
    }

    Future<Optional<JsonObject>> instanceMetadata(String series, String sop) {
        return store.get(INSTANCE_META, RecordKey.of(series, sop)).map(r -> r.map(IndexTables::json));
    }

    private static StoredInstance stored(String study, String series, JsonObject row) {
        Map<QueryKey, String> a = new EnumMap<>(QueryKey.class);
        a.putAll(attrs(row.getJsonObject("attrs")));
        a.put(QueryKey.StudyInstanceUID, study);
        a.put(QueryKey.SeriesInstanceUID, series);
        return new StoredInstance(a, new ObjectLocation(new BlobId(row.getString("blob")), row.getString("ts"), row.getLong("size")),
                Instant.ofEpochMilli(row.getLong("received")), row.getString("ae", ""));
    }

    // ---- shared --------------------------------------------------------------------------

    /** The fields returned: requested, matched, and the unique keys down to the query level. */
    private static Set<QueryKey> fields(IndexQuery q) {
        EnumSet<QueryKey> fields = EnumSet.noneOf(QueryKey.class);
        fields.addAll(q.includeFields());
        fields.addAll(q.keys().keySet());
        for (QueryLevel l : QueryLevel.values()) {
            if (l.isAtOrAbove(q.level()) && l != QueryLevel.PATIENT) {
                fields.add(QueryKey.uniqueKey(l));
            }
        }
        if (q.level() == QueryLevel.PATIENT) {
            fields.add(QueryKey.PatientID);
        }
        fields.removeIf(k -> !k.level().isAtOrAbove(q.level()));
        return fields;
    }

    private static Map<QueryKey, String> render(Set<QueryKey> fields, Function<QueryKey, String> values) {
        Map<QueryKey, String> out = new EnumMap<>(QueryKey.class);
        for (QueryKey k : fields) {
            String v = values.apply(k);
            out.put(k, v == null ? "" : v);
        }
        return out;
    }

    private static <T> List<T> page(List<T> all, IndexQuery q) {
        if (q.offset() >= all.size()) {
            return List.of();
        }
        return all.subList(q.offset(), Math.min(all.size(), q.offset() + q.limit()));
    }

    /** A key's value when it is single value matching without wild cards (usable as a lookup key). */
    private static Optional<String> singleValue(QueryFilter f, QueryKey key) {
        return f.matcher(key) instanceof Matcher.SingleValue s ? Optional.of(s.value()) : Optional.empty();
    }

    /** The UIDs of a UID (list) key, when given. */
    private static Optional<List<String>> uids(QueryFilter f, QueryKey key) {
        Matcher m = f.matcher(key);
        if (m instanceof Matcher.SingleValue s) {
            return Optional.of(List.of(s.value()));
        }
        if (m instanceof Matcher.AnyOf any) {
            return Optional.of(any.alternatives().stream().map(a -> ((Matcher.SingleValue) a).value()).toList());
        }
        return Optional.empty();
    }

    private static long number(String is) {
        if (is == null || is.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(is.strip().replaceFirst("^\\+", ""));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

}
