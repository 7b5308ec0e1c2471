package org.telecare.archive.index;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.telecare.archive.index.SyntheticArchive.Series;
import org.telecare.archive.index.SyntheticArchive.Study;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;
import org.telecare.storage.conformance.TestBackends;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.storage.conformance.TestBackends.await;

/**
 * The index on a real backend: a few hundred synthetic instances (one study written by several
 * writers at once), queried at every level with every kind of key and compared with the sets the
 * test computes from its own data; then re-indexing, the duplicate policies and deletes.
 * Run on both backends by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class StudyIndexContract {
    private static final int WRITERS = 6;

    protected abstract List<String> recipe(Path dir);

    Vertx vertx;
    StorageBackend backend;
    StudyIndex index;
    final SyntheticArchive data = new SyntheticArchive();
    final Map<String, IndexOutcome> firstOutcomes = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        backend = TestBackends.open(vertx, recipe(Files.createTempDirectory("archive-index")));
        await(backend.migrate(StudyIndex.migrations()), Duration.ofMinutes(2));
        index = new StudyIndex(backend.records(), ZoneOffset.UTC, StudyIndex.DEFAULT_SCAN_BOUND);
        long t0 = System.nanoTime();
        for (Study st : data.studies) {
            if (st == data.big) {
                continue;
            }
            List<Future<IndexOutcome>> batch = new ArrayList<>();
            for (IndexedInstance in : data.instances(st)) {
                batch.add(index.index(in, DuplicatePolicy.REJECT));
            }
            await(Future.all(batch), Duration.ofMinutes(2));
            batch.forEach(f -> assertThat(f.result()).isEqualTo(IndexOutcome.STORED));
        }
        // The big study: several writers at once, each with its own share of the instances, interleaved.
        List<IndexedInstance> bigInstances = data.instances(data.big);
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            List<java.util.concurrent.Future<List<IndexOutcome>>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    List<IndexOutcome> outcomes = new ArrayList<>();
                    for (int i = writer; i < bigInstances.size(); i += WRITERS) {
                        outcomes.add(await(index.index(bigInstances.get(i), DuplicatePolicy.REJECT)));
                    }
                    return outcomes;
                }));
            }
            for (var d : done) {
                assertThat(d.get()).containsOnly(IndexOutcome.STORED);
            }
        }
        System.out.printf("%s: indexed %d instances in %d ms%n", getClass().getSimpleName(),
                data.studies.stream().mapToInt(Study::instanceCount).sum(), (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    void stop() throws Exception {
        if (backend != null) {
            await(backend.close());
        }
        await(vertx.close());
    }

    // ---- helpers -------------------------------------------------------------------------

    private List<Map<QueryKey, String>> find(QueryLevel level, Map<QueryKey, String> keys) throws Exception {
        return find(IndexQuery.of(level, keys));
    }

    private List<Map<QueryKey, String>> find(IndexQuery q) throws Exception {
        QueryResult r = await(index.find(q));
        assertThat(r.complete()).isTrue();
        return r.matches();
    }

    private List<String> studyUids(Map<QueryKey, String> keys) throws Exception {
        return find(QueryLevel.STUDY, keys).stream().map(m -> m.get(QueryKey.StudyInstanceUID)).toList();
    }

    private List<String> expectedStudies(Predicate<Study> p) {
        return data.studies.stream().filter(p).map(Study::uid).toList();
    }

    // ---- study level ---------------------------------------------------------------------

    @Test
    @Order(1)
    void studiesByPatientIdAndIssuer() throws Exception {
        assertThat(studyUids(Map.of(QueryKey.PatientID, "P1")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> s.patient().id().equals("P1")));
        assertThat(studyUids(Map.of(QueryKey.PatientID, "P1", QueryKey.IssuerOfPatientID, "HOSP-B")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> s.patient().id().equals("P1") && s.patient().issuer().equals("HOSP-B")));
        assertThat(studyUids(Map.of(QueryKey.PatientID, "P*")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> true));
        assertThat(studyUids(Map.of(QueryKey.PatientID, "NOBODY"))).isEmpty();
    }

    @Test
    @Order(1)
    void studiesByAccessionNumberAndUidList() throws Exception {
        Study s = data.studies.get(3);
        assertThat(studyUids(Map.of(QueryKey.AccessionNumber, s.accession()))).containsExactly(s.uid());
        assertThat(studyUids(Map.of(QueryKey.AccessionNumber, "ACC10*")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(x -> x.accession().startsWith("ACC10")));
        String list = data.studies.get(0).uid() + "\\" + data.studies.get(7).uid() + "\\1.2.3.999";
        assertThat(studyUids(Map.of(QueryKey.StudyInstanceUID, list)))
                .containsExactlyInAnyOrder(data.studies.get(0).uid(), data.studies.get(7).uid());
    }

    @Test
    @Order(1)
    void studiesByDateRangesSortedNewestFirst() throws Exception {
        List<String> febMar = studyUids(Map.of(QueryKey.StudyDate, "20240201-20240331"));
        assertThat(febMar).containsExactlyInAnyOrderElementsOf(
                expectedStudies(s -> !s.date().isEmpty() && s.date().compareTo("20240201") >= 0 && s.date().compareTo("20240331") <= 0));
        List<String> sorted = data.studies.stream().filter(s -> febMar.contains(s.uid()))
                .sorted(Comparator.comparing((Study s) -> s.date() + s.time()).reversed()).map(Study::uid).toList();
        assertThat(febMar).containsExactlyElementsOf(sorted);
        assertThat(studyUids(Map.of(QueryKey.StudyDate, "-20240131")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> !s.date().isEmpty() && s.date().compareTo("20240131") <= 0));
        assertThat(studyUids(Map.of(QueryKey.StudyDate, "20240401-")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> s.date().isEmpty() || s.date().compareTo("20240401") >= 0));
        // the study without a date is filed under, and matched by, the day it was received
        assertThat(studyUids(Map.of(QueryKey.StudyDate, "20240701")))
                .containsExactlyElementsOf(expectedStudies(s -> s.date().isEmpty()));
        // combined date and time (PS3.4 §C.2.2.2.5)
        List<String> combined = studyUids(Map.of(QueryKey.StudyDate, "20240101-20240630", QueryKey.StudyTime, "1200-"));
        assertThat(combined).containsExactlyInAnyOrderElementsOf(expectedStudies(s -> !s.date().isEmpty()
                && (s.date() + s.time()).compareTo("20240101120000") >= 0));
    }

    @Test
    @Order(1)
    void studiesByPersonNamesWithoutALookup() throws Exception {
        assertThat(studyUids(Map.of(QueryKey.PatientName, "张*")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> s.patient().name().startsWith("张")));
        assertThat(studyUids(Map.of(QueryKey.PatientName, "zhang^san")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> s.patient().name().startsWith("张")));
        assertThat(studyUids(Map.of(QueryKey.PatientName, "李*")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> s.patient().id().equals("P4")));
        assertThat(studyUids(Map.of(QueryKey.PatientName, "?明")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> s.patient().id().equals("P6")));
        assertThat(uids(await(index.find(IndexQuery.of(QueryLevel.STUDY, Map.of(QueryKey.PatientName, "muller")).withFuzzy(true)))))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> s.patient().id().equals("P2")));
        assertThat(studyUids(Map.of(QueryKey.PatientName, "muller"))).isEmpty();
        assertThat(studyUids(Map.of(QueryKey.StudyDescription, "CT CHEST*", QueryKey.SourceApplicationEntityTitle, "CT01")))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> s.description().startsWith("CT CHEST") && s.callingAe().equals("CT01")));
    }

    private static List<String> uids(QueryResult r) {
        return r.matches().stream().map(m -> m.get(QueryKey.StudyInstanceUID)).toList();
    }

    @Test
    @Order(1)
    void studiesByModalitiesInStudyWithCountsInTheResult() throws Exception {
        List<Map<QueryKey, String>> mr = find(QueryLevel.STUDY, Map.of(QueryKey.ModalitiesInStudy, "MR"));
        assertThat(mr.stream().map(m -> m.get(QueryKey.StudyInstanceUID)))
                .containsExactlyInAnyOrderElementsOf(expectedStudies(s -> s.series().stream().anyMatch(x -> x.modality().equals("MR"))));
        for (Map<QueryKey, String> m : mr) {
            Study s = study(m.get(QueryKey.StudyInstanceUID));
            assertThat(m.get(QueryKey.ModalitiesInStudy)).isEqualTo(s.modalities());
            assertThat(m.get(QueryKey.NumberOfStudyRelatedSeries)).isEqualTo(Integer.toString(s.series().size()));
            assertThat(m.get(QueryKey.NumberOfStudyRelatedInstances)).isEqualTo(Integer.toString(s.instanceCount()));
            assertThat(m.get(QueryKey.PatientName)).isEqualTo(s.patient().name());
            assertThat(m.get(QueryKey.InstitutionName)).isEqualTo("MAIN HOSPITAL");
        }
    }

    @Test
    @Order(1)
    void countsAndModalitiesAreRightAfterConcurrentWriters() throws Exception {
        Map<QueryKey, String> big = find(QueryLevel.STUDY, Map.of(QueryKey.StudyInstanceUID, data.big.uid())).getFirst();
        assertThat(big.get(QueryKey.ModalitiesInStudy)).isEqualTo("CT\\PR");
        assertThat(big.get(QueryKey.NumberOfStudyRelatedSeries)).isEqualTo("4");
        assertThat(big.get(QueryKey.NumberOfStudyRelatedInstances)).isEqualTo("120");
        assertThat(await(index.seriesMetadata(data.big.series().get(2).uid()))).hasSize(30);
        // one row per study in every lookup, however many writers
        assertThat(studyUids(Map.of(QueryKey.AccessionNumber, "ACC-BIG"))).containsExactly(data.big.uid());
        assertThat(studyUids(Map.of(QueryKey.StudyDate, "20240615"))).containsOnlyOnce(data.big.uid());
    }

    @Test
    @Order(1)
    void recentStudiesWithoutKeysPageInAStableOrder() throws Exception {
        List<String> newestFirst = data.studies.stream().sorted(Comparator.comparing(Study::received).reversed()).map(Study::uid).toList();
        assertThat(studyUids(Map.of())).containsExactlyElementsOf(newestFirst);
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < newestFirst.size() + 7; offset += 7) {
            paged.addAll(uids(await(index.find(IndexQuery.of(QueryLevel.STUDY, Map.of()).withLimit(7, offset)))));
        }
        assertThat(paged).containsExactlyElementsOf(newestFirst);
        List<String> byPatient = expectedStudies(s -> s.patient().id().equals("P1"));
        assertThat(uids(await(index.find(IndexQuery.of(QueryLevel.STUDY, Map.of(QueryKey.PatientID, "P1")).withLimit(2, 1)))))
                .hasSize(Math.min(2, byPatient.size() - 1)).isSubsetOf(byPatient);
    }

    @Test
    @Order(1)
    void badQueriesFailClearly() {
        assertThatThrownBy(() -> await(index.find(QueryLevel.STUDY, Map.of(QueryKey.StudyDate, "2024-13-45"), Set.of(), 10, 0, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StudyDate");
        assertThatThrownBy(() -> await(index.find(IndexQuery.of(QueryLevel.STUDY, Map.of(QueryKey.Modality, "CT")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Modality");
        assertThatThrownBy(() -> await(index.find(IndexQuery.of(QueryLevel.SERIES, Map.of(QueryKey.Modality, "CT")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StudyInstanceUID");
        assertThatThrownBy(() -> await(index.find(IndexQuery.of(QueryLevel.IMAGE, Map.of(QueryKey.StudyInstanceUID, data.big.uid())))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SeriesInstanceUID");
        assertThatThrownBy(() -> await(index.find(QueryLevel.STUDY, Map.of(), Set.of(), 0, 0, false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- patient level -------------------------------------------------------------------

    @Test
    @Order(1)
    void patients() throws Exception {
        List<Map<QueryKey, String>> p1 = find(QueryLevel.PATIENT, Map.of(QueryKey.PatientID, "P1"));
        assertThat(p1).extracting(m -> m.get(QueryKey.IssuerOfPatientID)).containsExactly("HOSP-A", "HOSP-B");
        assertThat(p1.getFirst().get(QueryKey.PatientName)).isEqualTo("张三^^^^=ZHANG^SAN");
        assertThat(p1.getFirst().get(QueryKey.NumberOfPatientRelatedStudies)).isEqualTo(Long.toString(
                data.studies.stream().filter(s -> s.patient() == data.patients.getFirst()).count()));
        List<Map<QueryKey, String>> women = find(QueryLevel.PATIENT, Map.of(QueryKey.PatientSex, "F"));
        assertThat(women).extracting(m -> m.get(QueryKey.PatientID)).containsExactly("P4", "P5");
        assertThat(find(QueryLevel.PATIENT, Map.of(QueryKey.PatientBirthDate, "19600101-19691231")))
                .extracting(m -> m.get(QueryKey.PatientID)).containsExactly("P2");
        assertThat(find(QueryLevel.PATIENT, Map.of())).hasSize(data.patients.size());
    }

    // ---- series level --------------------------------------------------------------------

    @Test
    @Order(1)
    void seriesOfAStudyInSeriesNumberOrder() throws Exception {
        Study s = data.studies.stream().filter(x -> x.series().size() >= 3).findFirst().orElseThrow();
        List<Map<QueryKey, String>> series = find(QueryLevel.SERIES, Map.of(QueryKey.StudyInstanceUID, s.uid()));
        assertThat(series).extracting(m -> m.get(QueryKey.SeriesInstanceUID)).containsExactlyElementsOf(
                s.series().stream().sorted(Comparator.comparingInt(Series::number)).map(Series::uid).toList());
        for (Map<QueryKey, String> m : series) {
            Series se = s.series().stream().filter(x -> x.uid().equals(m.get(QueryKey.SeriesInstanceUID))).findFirst().orElseThrow();
            assertThat(m.get(QueryKey.NumberOfSeriesRelatedInstances)).isEqualTo(Integer.toString(se.sops().size()));
            assertThat(m.get(QueryKey.Modality)).isEqualTo(se.modality());
            assertThat(m.get(QueryKey.StudyInstanceUID)).isEqualTo(s.uid());
        }
        String modality = s.series().getFirst().modality();
        assertThat(find(QueryLevel.SERIES, Map.of(QueryKey.StudyInstanceUID, s.uid(), QueryKey.Modality, modality)))
                .extracting(m -> m.get(QueryKey.SeriesInstanceUID)).containsExactlyInAnyOrderElementsOf(
                        s.series().stream().filter(x -> x.modality().equals(modality)).map(Series::uid).toList());
    }

    @Test
    @Order(1)
    void relationalSeriesQueries() throws Exception {
        List<String> allPr = new ArrayList<>();
        data.studies.forEach(s -> s.series().stream().filter(x -> x.modality().equals("PR")).forEach(x -> allPr.add(x.uid())));
        IndexQuery pr = IndexQuery.of(QueryLevel.SERIES, Map.of(QueryKey.Modality, "PR")).withRelational(true);
        assertThat(find(pr)).extracting(m -> m.get(QueryKey.SeriesInstanceUID)).containsExactlyInAnyOrderElementsOf(allPr);
        Series one = data.studies.get(2).series().getFirst();
        IndexQuery byUid = IndexQuery.of(QueryLevel.SERIES, Map.of(QueryKey.SeriesInstanceUID, one.uid())).withRelational(true)
                .withIncludeFields(Set.of(QueryKey.PatientID, QueryKey.StudyDate));
        Map<QueryKey, String> m = find(byUid).getFirst();
        assertThat(m.get(QueryKey.StudyInstanceUID)).isEqualTo(data.studies.get(2).uid());
        assertThat(m.get(QueryKey.PatientID)).isEqualTo(data.studies.get(2).patient().id());
        // series of one patient's studies, by a patient key
        IndexQuery ofPatient = IndexQuery.of(QueryLevel.SERIES, Map.of(QueryKey.PatientID, "P3", QueryKey.BodyPartExamined, "HEAD"))
                .withRelational(true);
        List<String> expected = new ArrayList<>();
        data.studies.stream().filter(s -> s.patient().id().equals("P3"))
                .forEach(s -> s.series().stream().filter(x -> x.bodyPart().equals("HEAD")).forEach(x -> expected.add(x.uid())));
        assertThat(find(ofPatient)).extracting(r -> r.get(QueryKey.SeriesInstanceUID)).containsExactlyInAnyOrderElementsOf(expected);
    }

    // ---- instance level ------------------------------------------------------------------

    @Test
    @Order(1)
    void instancesOfASeriesAndRelationalBySopInstanceUid() throws Exception {
        Series se = data.big.series().get(1);
        Map<QueryKey, String> keys = Map.of(QueryKey.StudyInstanceUID, data.big.uid(), QueryKey.SeriesInstanceUID, se.uid());
        List<Map<QueryKey, String>> all = find(QueryLevel.IMAGE, keys);
        assertThat(all).extracting(m -> m.get(QueryKey.SOPInstanceUID)).containsExactlyElementsOf(se.sops());
        assertThat(all.getFirst().get(QueryKey.InstanceNumber)).isEqualTo("1");
        assertThat(all.getFirst().get(QueryKey.Rows)).isEqualTo("512");
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 8) {
            paged.addAll(find(IndexQuery.of(QueryLevel.IMAGE, keys).withLimit(8, offset)).stream()
                    .map(m -> m.get(QueryKey.SOPInstanceUID)).toList());
        }
        assertThat(paged).containsExactlyElementsOf(se.sops());
        Map<QueryKey, String> byNumber = new HashMap<>(keys);
        byNumber.put(QueryKey.InstanceNumber, "7\\9");
        assertThat(find(QueryLevel.IMAGE, byNumber)).extracting(m -> m.get(QueryKey.SOPInstanceUID))
                .containsExactly(se.sops().get(6), se.sops().get(8));

        String sop = data.studies.get(4).series().getFirst().sops().get(1);
        IndexQuery bySop = IndexQuery.of(QueryLevel.IMAGE, Map.of(QueryKey.SOPInstanceUID, sop)).withRelational(true);
        Map<QueryKey, String> found = find(bySop).getFirst();
        assertThat(found.get(QueryKey.StudyInstanceUID)).isEqualTo(data.studies.get(4).uid());
        assertThat(found.get(QueryKey.SeriesInstanceUID)).isEqualTo(data.studies.get(4).series().getFirst().uid());
        IndexQuery prClass = IndexQuery.of(QueryLevel.IMAGE, Map.of(QueryKey.StudyInstanceUID, data.big.uid(),
                QueryKey.SOPClassUID, "1.2.840.10008.5.1.4.1.1.11.1")).withRelational(true);
        assertThat(find(prClass)).hasSize(30);

        StoredInstance stored = await(index.instance(sop)).orElseThrow();
        assertThat(stored.location().blob()).isEqualTo(SyntheticArchive.blob(sop + "v1"));
        assertThat(stored.location().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(stored.callingAeTitle()).isEqualTo(data.studies.get(4).callingAe());
        assertThat(await(index.instances(data.big.uid(), se.uid()))).extracting(StoredInstance::sopInstanceUid)
                .containsExactlyElementsOf(se.sops());
        assertThat(await(index.instanceMetadata(se.uid(), se.sops().getFirst())).orElseThrow()
                .getJsonObject("00080018").getJsonArray("Value").getString(0)).isEqualTo(se.sops().getFirst());
    }

    // ---- writes again --------------------------------------------------------------------

    @Test
    @Order(2)
    void reindexingTheSameInstancesChangesNothing() throws Exception {
        Study s = data.studies.get(1);
        for (IndexedInstance in : data.instances(s)) {
            assertThat(await(index.index(in, DuplicatePolicy.REJECT))).isEqualTo(IndexOutcome.UNCHANGED);
        }
        Map<QueryKey, String> m = find(QueryLevel.STUDY, Map.of(QueryKey.StudyInstanceUID, s.uid())).getFirst();
        assertThat(m.get(QueryKey.NumberOfStudyRelatedInstances)).isEqualTo(Integer.toString(s.instanceCount()));
        assertThat(await(index.seriesMetadata(s.series().getFirst().uid()))).hasSize(s.series().getFirst().sops().size());
        assertThat(studyUids(Map.of(QueryKey.PatientID, s.patient().id()))).containsOnlyOnce(s.uid());
        assertThat(studyUids(Map.of())).containsOnlyOnce(s.uid());
    }

    @Test
    @Order(3)
    void duplicatePolicies() throws Exception {
        Study s = data.studies.get(2);
        Series se = s.series().getFirst();
        String sop = se.sops().getFirst();
        IndexedInstance other = SyntheticArchive.instance(s, se, sop, 1, Instant.now(), "v2");
        assertThatThrownBy(() -> await(index.index(other, DuplicatePolicy.REJECT)))
                .isInstanceOf(DuplicateInstanceException.class).hasMessageContaining(sop);
        assertThat(await(index.instance(sop)).orElseThrow().location().blob()).isEqualTo(SyntheticArchive.blob(sop + "v1"));
        assertThat(await(index.index(other, DuplicatePolicy.KEEP_FIRST))).isEqualTo(IndexOutcome.KEPT_FIRST);
        assertThat(await(index.instance(sop)).orElseThrow().location().blob()).isEqualTo(SyntheticArchive.blob(sop + "v1"));
        assertThat(await(index.index(other, DuplicatePolicy.REPLACE))).isEqualTo(IndexOutcome.REPLACED);
        assertThat(await(index.instance(sop)).orElseThrow().location().blob()).isEqualTo(SyntheticArchive.blob(sop + "v2"));
        assertThat(await(index.index(other, DuplicatePolicy.REJECT))).isEqualTo(IndexOutcome.UNCHANGED);

        // replaced into another series of the big study: the old series loses it
        Series target = data.big.series().getLast();
        IndexedInstance moved = SyntheticArchive.instance(data.big, target, sop, 99, Instant.now(), "v3");
        assertThat(await(index.index(moved, DuplicatePolicy.REPLACE))).isEqualTo(IndexOutcome.REPLACED);
        assertThat(find(QueryLevel.IMAGE, Map.of(QueryKey.StudyInstanceUID, s.uid(), QueryKey.SeriesInstanceUID, se.uid())))
                .extracting(m -> m.get(QueryKey.SOPInstanceUID)).doesNotContain(sop).hasSize(se.sops().size() - 1);
        assertThat(find(QueryLevel.IMAGE, Map.of(QueryKey.StudyInstanceUID, data.big.uid(), QueryKey.SeriesInstanceUID, target.uid())))
                .extracting(m -> m.get(QueryKey.SOPInstanceUID)).contains(sop).hasSize(31);
        assertThat(await(index.instance(sop)).orElseThrow().seriesInstanceUid()).isEqualTo(target.uid());
        assertThat(await(index.deleteInstance(sop))).isTrue();
        assertThat(find(QueryLevel.STUDY, Map.of(QueryKey.StudyInstanceUID, data.big.uid())).getFirst()
                .get(QueryKey.NumberOfStudyRelatedInstances)).isEqualTo("120");
    }

    @Test
    @Order(4)
    void deletesLeaveNoTraceInAnyLookup() throws Exception {
        // an instance, then the rest of its series one by one: the series goes with its last instance
        Study s = data.studies.stream().filter(x -> x.series().size() >= 2 && x != data.big).findFirst().orElseThrow();
        Series first = s.series().getFirst();
        for (String sop : first.sops()) {
            assertThat(await(index.deleteInstance(sop))).isTrue();
        }
        assertThat(await(index.deleteInstance(first.sops().getFirst()))).isFalse();
        assertThat(find(QueryLevel.SERIES, Map.of(QueryKey.StudyInstanceUID, s.uid())))
                .extracting(m -> m.get(QueryKey.SeriesInstanceUID)).doesNotContain(first.uid()).hasSize(s.series().size() - 1);
        Map<QueryKey, String> left = find(QueryLevel.STUDY, Map.of(QueryKey.StudyInstanceUID, s.uid())).getFirst();
        assertThat(left.get(QueryKey.NumberOfStudyRelatedInstances)).isEqualTo(Integer.toString(s.instanceCount() - first.sops().size()));

        // a whole series, then the whole study
        assertThat(await(index.deleteSeries(s.uid(), s.series().get(1).uid()))).isTrue();
        assertThat(await(index.deleteStudy(s.uid()))).isEqualTo(s.series().size() > 2);
        assertNoTrace(s);

        // a patient's only study: the patient goes too
        Study only = data.studies.stream().filter(x -> x != s && data.studies.stream().filter(y -> y.patient() == x.patient()).count() == 1)
                .findFirst().orElse(null);
        Study victim = only != null ? only : data.studies.stream().filter(x -> x != s && x != data.big).findFirst().orElseThrow();
        await(index.deleteStudy(victim.uid()));
        assertNoTrace(victim);
        if (only != null) {
            assertThat(find(QueryLevel.PATIENT, Map.of(QueryKey.PatientID, only.patient().id()))).extracting(m -> m.get(QueryKey.IssuerOfPatientID))
                    .doesNotContain(only.patient().issuer());
        }
        // and everything else still there
        assertThat(studyUids(Map.of())).hasSize(data.studies.size() - 2);
    }

    @Test
    @Order(1)
    void queriesNoLookupNarrowsStopAtTheScanBound() throws Exception {
        StudyIndex bounded = new StudyIndex(backend.records(), ZoneOffset.UTC, 5);
        QueryResult none = await(bounded.find(IndexQuery.of(QueryLevel.STUDY, Map.of(QueryKey.PatientName, "NOBODY*"))));
        assertThat(none.complete()).isFalse();
        assertThat(none.matches()).isEmpty();
        QueryResult few = await(bounded.find(IndexQuery.of(QueryLevel.STUDY, Map.of()).withLimit(3, 0)));
        assertThat(few.complete()).isTrue();
        assertThat(few.matches()).hasSize(3);
        // a lookup-narrowed query is not bounded
        assertThat(await(bounded.find(IndexQuery.of(QueryLevel.STUDY, Map.of(QueryKey.StudyDate, "20240101-")))).complete()).isTrue();
    }

    @Test
    @Order(5)
    void changedStudyAttributesMoveItsLookupsAndDeleteFindsOldOnes() throws Exception {
        Study b = data.big;
        Study corrected = new Study(b.index(), b.uid(), b.patient(), b.date(), b.time(), "ACC-NEW", b.description(),
                b.callingAe(), b.series());
        Series se = b.series().getFirst();
        IndexedInstance in = SyntheticArchive.instance(corrected, se, se.sops().getFirst(), 1, b.received(), "v1");
        assertThat(await(index.index(in, DuplicatePolicy.REJECT))).isEqualTo(IndexOutcome.UNCHANGED);
        assertThat(studyUids(Map.of(QueryKey.AccessionNumber, "ACC-NEW"))).containsExactly(b.uid());
        assertThat(studyUids(Map.of(QueryKey.AccessionNumber, "ACC-BIG"))).isEmpty();
        assertThat(keys(backend.records(), IndexTables.BY_ACCESSION, "ACC-BIG")).containsExactly(b.uid());
        assertThat(await(index.deleteStudy(b.uid()))).isTrue();
        assertNoTrace(b);
        assertThat(keys(backend.records(), IndexTables.BY_ACCESSION, "ACC-NEW")).isEmpty();
    }

    private void assertNoTrace(Study s) throws Exception {
        RecordStore r = backend.records();
        assertThat(studyUids(Map.of(QueryKey.StudyInstanceUID, s.uid()))).isEmpty();
        assertThat(studyUids(Map.of(QueryKey.PatientID, s.patient().id()))).doesNotContain(s.uid());
        assertThat(studyUids(Map.of(QueryKey.AccessionNumber, s.accession()))).isEmpty();
        assertThat(studyUids(Map.of())).doesNotContain(s.uid());
        assertThat(keys(r, IndexTables.STUDY, s.uid())).isEmpty();
        assertThat(keys(r, IndexTables.SERIES, s.uid())).isEmpty();
        assertThat(keys(r, IndexTables.STUDY_LOOKUP, s.uid())).isEmpty();
        assertThat(keys(r, IndexTables.BY_ACCESSION, s.accession())).isEmpty();
        assertThat(keys(r, IndexTables.PATIENT_STUDY, s.patient().id())).noneMatch(k -> k.endsWith(s.uid()));
        for (StoredRecord month : await(r.range(IndexTables.MONTHS, RangeQuery.all(IndexTables.MONTHS_BY_DATE)))) {
            assertThat(keys(r, IndexTables.BY_DATE, month.key().clustering())).noneMatch(k -> k.endsWith("\\" + s.uid()));
        }
        for (StoredRecord month : await(r.range(IndexTables.MONTHS, RangeQuery.all(IndexTables.MONTHS_BY_RECEIVED)))) {
            assertThat(keys(r, IndexTables.BY_RECEIVED, month.key().clustering())).noneMatch(k -> k.endsWith("\\" + s.uid()));
        }
        for (Series se : s.series()) {
            assertThat(keys(r, IndexTables.INSTANCE, se.uid())).isEmpty();
            assertThat(keys(r, IndexTables.INSTANCE_META, se.uid())).isEmpty();
            assertThat(keys(r, IndexTables.SERIES_STUDY, se.uid())).isEmpty();
            for (String sop : se.sops()) {
                assertThat(await(r.get(IndexTables.SOP, org.telecare.storage.RecordKey.of(sop, "")))).isEmpty();
            }
        }
    }

    private static List<String> keys(RecordStore r, TableSpec table, String partition) throws Exception {
        return await(r.range(table, RangeQuery.all(partition))).stream().map(x -> x.key().clustering()).toList();
    }

    private Study study(String uid) {
        return data.studies.stream().filter(s -> s.uid().equals(uid)).findFirst().orElseThrow();
    }
}
