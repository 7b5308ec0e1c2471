package org.telecare.archive.index;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.telecare.archive.query.QueryKey;
import org.telecare.storage.blob.BlobId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic synthetic archive: patients (Chinese names with component groups, accents,
 * a GB18030 extension-B character, one PatientID under two issuers), their studies, series and
 * instances, and one large study meant to be written by several writers at once.
 */
final class SyntheticArchive {
    static final String ROOT = "1.2.826.0.1.3680043.10.543";
    static final Instant BASE = Instant.parse("2024-07-01T08:00:00Z");

    record Patient(String id, String issuer, String name, String birthDate, String sex) {
    }

    record Series(String uid, String modality, int number, String bodyPart, List<String> sops) {
    }

    record Study(int index, String uid, Patient patient, String date, String time, String accession, String description,
                 String callingAe, List<Series> series) {
        Instant received() {
            return BASE.plusSeconds(60L * index);
        }

        int instanceCount() {
            return series.stream().mapToInt(s -> s.sops().size()).sum();
        }

        String modalities() {
            return String.join("\\", series.stream().map(Series::modality).distinct().sorted().toList());
        }
    }

    final List<Patient> patients = List.of(
            new Patient("P1", "HOSP-A", "张三^^^^=ZHANG^SAN", "19800102", "M"),
            new Patient("P1", "HOSP-B", "WANG^WU", "19700505", "M"),
            new Patient("P2", "HOSP-A", "Müller^Hans", "19651224", "M"),
            new Patient("P3", "", "DOE^JOHN", "19900101", "M"),
            new Patient("P4", "HOSP-B", "Li^Si=李^四", "20010930", "F"),
            new Patient("P5", "HOSP-B", "O'BRIEN^MARY", "19550301", "F"),
            new Patient("P6", "HOSP-A", "\uD840\uDC00明^^=TEST^GB", "19881111", "O"));
    final List<Study> studies = new ArrayList<>();
    /** The study the concurrency test writes with several writers. */
    final Study big;

    SyntheticArchive() {
        Random random = new Random(42);
        String[] modalities = {"CT", "MR", "PR", "US", "SR"};
        int studyNo = 0;
        for (Patient p : patients) {
            int count = 2 + random.nextInt(2);
            for (int s = 0; s < count; s++) {
                studyNo++;
                String date = studyNo == 5 ? "" : String.format("2024%02d%02d", 1 + random.nextInt(6), 1 + random.nextInt(28));
                String time = String.format("%02d%02d%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
                int seriesCount = 1 + random.nextInt(4);
                List<Series> series = new ArrayList<>();
                for (int r = 1; r <= seriesCount; r++) {
                    List<String> sops = new ArrayList<>();
                    int n = 3 + random.nextInt(10);
                    for (int i = 1; i <= n; i++) {
                        sops.add(ROOT + "." + studyNo + "." + r + "." + i);
                    }
                    series.add(new Series(ROOT + "." + studyNo + "." + r, modalities[random.nextInt(modalities.length)],
                            seriesCount - r + 1, random.nextBoolean() ? "CHEST" : "HEAD", sops));
                }
                studies.add(new Study(studyNo, ROOT + "." + studyNo, p, date, time, "ACC" + (1000 + studyNo),
                        (studyNo % 3 == 0 ? "CT CHEST " : "MR HEAD ") + studyNo, studyNo % 2 == 0 ? "CT01" : "MR02", series));
            }
        }
        studyNo++;
        List<Series> bigSeries = new ArrayList<>();
        String[] bigModalities = {"CT", "CT", "PR", "CT"};
        for (int r = 1; r <= 4; r++) {
            List<String> sops = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                sops.add(ROOT + "." + studyNo + "." + r + "." + i);
            }
            bigSeries.add(new Series(ROOT + "." + studyNo + "." + r, bigModalities[r - 1], r, "ABDOMEN", sops));
        }
        big = new Study(studyNo, ROOT + "." + studyNo, patients.get(3), "20240615", "101500", "ACC-BIG", "CT ABDOMEN",
                "CT01", bigSeries);
        studies.add(big);
    }

    List<IndexedInstance> instances(Study st) {
        List<IndexedInstance> out = new ArrayList<>();
        int k = 0;
        for (Series se : st.series()) {
            int n = 0;
            for (String sop : se.sops()) {
                n++;
                out.add(instance(st, se, sop, n, st.received().plusMillis(100L * k++), "v1"));
            }
        }
        return out;
    }

    static IndexedInstance instance(Study st, Series se, String sop, int number, Instant received, String content) {
        Map<QueryKey, String> a = new EnumMap<>(QueryKey.class);
        a.put(QueryKey.PatientName, st.patient().name());
        a.put(QueryKey.PatientID, st.patient().id());
        a.put(QueryKey.IssuerOfPatientID, st.patient().issuer());
        a.put(QueryKey.PatientBirthDate, st.patient().birthDate());
        a.put(QueryKey.PatientSex, st.patient().sex());
        a.put(QueryKey.StudyInstanceUID, st.uid());
        a.put(QueryKey.StudyDate, st.date());
        a.put(QueryKey.StudyTime, st.time());
        a.put(QueryKey.AccessionNumber, st.accession());
        a.put(QueryKey.StudyID, "S" + st.index());
        a.put(QueryKey.StudyDescription, st.description());
        a.put(QueryKey.ReferringPhysicianName, "SMITH^ANNA");
        a.put(QueryKey.InstitutionName, "MAIN HOSPITAL");
        a.put(QueryKey.SeriesInstanceUID, se.uid());
        a.put(QueryKey.Modality, se.modality());
        a.put(QueryKey.SeriesNumber, Integer.toString(se.number()));
        a.put(QueryKey.SeriesDescription, se.modality() + " series " + se.number());
        a.put(QueryKey.BodyPartExamined, se.bodyPart());
        a.put(QueryKey.SOPInstanceUID, sop);
        a.put(QueryKey.SOPClassUID, se.modality().equals("PR") ? "1.2.840.10008.5.1.4.1.1.11.1" : "1.2.840.10008.5.1.4.1.1.2");
        a.put(QueryKey.InstanceNumber, Integer.toString(number));
        a.put(QueryKey.Rows, "512");
        a.put(QueryKey.Columns, "512");
        JsonObject metadata = new JsonObject()
                .put("00080018", new JsonObject().put("vr", "UI").put("Value", new JsonArray().add(sop)))
                .put("00200013", new JsonObject().put("vr", "IS").put("Value", new JsonArray().add(number)));
        return new IndexedInstance(a, new ObjectLocation(blob(sop + content), "1.2.840.10008.1.2.1", 1000 + number),
                received, st.callingAe(), metadata);
    }

    static BlobId blob(String content) {
        try {
            return BlobId.of(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
