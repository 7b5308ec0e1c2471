package org.telecare.archive.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.archive.catalog.StudyFacts;
import org.telecare.archive.index.IndexQuery;
import org.telecare.archive.index.StudyIndex;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@link InstanceCatalog} over the {@link StudyIndex}. A study's hospital is that of the
 * system that sent it ({@code hospitalOf} maps the source AE title; the archive's own hospital
 * otherwise), which is what the own-hospital baseline of the data policies compares.
 */
public final class IndexCatalog implements InstanceCatalog {
    private final StudyIndex index;
    private final Function<String, Optional<String>> hospitalOf;
    private final ZoneId zone;
    private final org.telecare.archive.patient.PatientClasses patientClasses;

    public IndexCatalog(StudyIndex index, Function<String, Optional<String>> hospitalOf, ZoneId zone,
                        org.telecare.archive.patient.PatientClasses patientClasses) {
        this.patientClasses = patientClasses;
        this.index = index;
        this.hospitalOf = hospitalOf;
        this.zone = zone;
    }

    @Override
    public Future<Optional<StudyFacts>> study(String studyUid) {
        return index.find(IndexQuery.of(QueryLevel.STUDY, Map.of(QueryKey.StudyInstanceUID, studyUid))
                        .withIncludeFields(EnumSet.allOf(QueryKey.class)).withLimit(1, 0))
                .compose(r -> {
                    if (r.matches().isEmpty()) {
                        return Future.succeededFuture(Optional.<StudyFacts>empty());
                    }
                    Map<QueryKey, String> m = r.matches().getFirst();
                    Optional<String> source = opt(m.get(QueryKey.SourceApplicationEntityTitle));
                    Optional<String> patient = opt(m.get(QueryKey.PatientID));
                    Future<Set<String>> classes = patient.map(patientClasses::of).orElse(Future.succeededFuture(Set.of()));
                    return classes.map(c -> Optional.of(new StudyFacts(studyUid, source.flatMap(hospitalOf), patient, c,
                            opt(m.get(QueryKey.AccessionNumber)), modalities(m.get(QueryKey.ModalitiesInStudy)), source,
                            opt(m.get(QueryKey.StudyDate)).flatMap(this::dayStart))));
                });
    }

    private static Optional<String> opt(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private static Set<String> modalities(String v) {
        return v == null || v.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(v.split("\\\\")));
    }

    private Optional<java.time.Instant> dayStart(String da) {
        try {
            return Optional.of(LocalDate.parse(da, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(zone).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The series of the study to read: all of them, or the one asked for if it belongs to the
     * study. Access is decided per study, so a series of another study named under this one's
     * path must come back empty, not with the other study's data.
     */
    private Future<List<String>> seriesOf(String studyUid, Optional<String> seriesUid) {
        return index.seriesUids(studyUid).map(all -> seriesUid.map(s -> all.contains(s) ? List.of(s) : List.<String>of())
                .orElse(all));
    }

    @Override
    public Future<List<StoredInstance>> instances(String studyUid, Optional<String> seriesUid, Optional<String> sopUid) {
        Future<List<org.telecare.archive.index.StoredInstance>> rows = seriesOf(studyUid, seriesUid)
                .compose(all -> {
                    List<Future<List<org.telecare.archive.index.StoredInstance>>> each = new ArrayList<>();
                    all.forEach(s -> each.add(index.instances(studyUid, s)));
                    return Future.all(each).map(cf -> {
                        List<org.telecare.archive.index.StoredInstance> flat = new ArrayList<>();
                        for (int i = 0; i < cf.size(); i++) {
                            flat.addAll(cf.<List<org.telecare.archive.index.StoredInstance>>resultAt(i));
                        }
                        return flat;
                    });
                });
        return rows.map(list -> list.stream()
                .filter(i -> i.studyInstanceUid().equals(studyUid))
                .filter(i -> sopUid.map(i.sopInstanceUid()::equals).orElse(true))
                .map(i -> new StoredInstance(i.studyInstanceUid(), i.seriesInstanceUid(), i.sopInstanceUid(),
                        i.value(QueryKey.SOPClassUID), i.location().transferSyntaxUid(), i.location().blob(),
                        i.location().sizeBytes(), -1))
                .toList());
    }

    @Override
    public Future<List<JsonObject>> metadata(String studyUid, Optional<String> seriesUid, Optional<String> sopUid) {
        if (seriesUid.isPresent() && sopUid.isPresent()) {
            return seriesOf(studyUid, seriesUid).compose(all -> all.isEmpty() ? Future.succeededFuture(List.of())
                    : index.instanceMetadata(seriesUid.get(), sopUid.get()).map(m -> m.map(List::of).orElse(List.of())));
        }
        return seriesOf(studyUid, seriesUid).compose(all -> {
            List<Future<List<JsonObject>>> each = new ArrayList<>();
            all.forEach(s -> each.add(index.seriesMetadata(s)));
            return Future.all(each).map(cf -> {
                List<JsonObject> flat = new ArrayList<>();
                for (int i = 0; i < cf.size(); i++) {
                    flat.addAll(cf.<List<JsonObject>>resultAt(i));
                }
                return flat;
            });
        });
    }

    @Override
    public Future<Buffer> metadataArray(String studyUid, Optional<String> seriesUid, Optional<String> sopUid) {
        if (sopUid.isPresent()) {
            return InstanceCatalog.super.metadataArray(studyUid, seriesUid, sopUid);
        }
        return seriesOf(studyUid, seriesUid).compose(all -> {
            List<Future<List<byte[]>>> each = new ArrayList<>();
            all.forEach(s -> each.add(index.seriesMetadataBytes(s)));
            return Future.all(each).map(cf -> {
                Buffer out = Buffer.buffer().appendByte((byte) '[');
                boolean first = true;
                for (int i = 0; i < cf.size(); i++) {
                    for (byte[] row : cf.<List<byte[]>>resultAt(i)) {
                        if (!first) {
                            out.appendByte((byte) ',');
                        }
                        out.appendBytes(row);
                        first = false;
                    }
                }
                return out.appendByte((byte) ']');
            });
        });
    }
}
