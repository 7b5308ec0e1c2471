package org.telecare.archive.patient;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The classes of each patient, in table {@code archive_patient_class}: partition = Patient ID,
 * value = {@code {"classes": [...], "by": userId, "at": instant}}. A patient without a row has
 * no class. Read per decision; one small row, so no cache that could lag behind a new VIP mark.
 */
public final class PatientClasses {
    static final TableSpec CLASSES = TableSpec.plain("archive_patient_class");
    public static final SchemaMigration MIGRATION = new SchemaMigration("archive-patient", 1, "patient classes",
            List.of(CLASSES));
    public static final int MAX_CLASSES = 16;

    private final RecordStore store;

    public PatientClasses(RecordStore store) {
        this.store = store;
    }

    public Future<Set<String>> of(String patientId) {
        return store.get(CLASSES, RecordKey.of(patientId, "")).map(r -> r.map(x -> {
            Set<String> out = new TreeSet<>();
            new JsonObject(new String(x.value(), StandardCharsets.UTF_8)).getJsonArray("classes", new JsonArray())
                    .forEach(c -> out.add(String.valueOf(c)));
            return (Set<String>) out;
        }).orElse(Set.of()));
    }

    /** Replaces the patient's classes; an empty set removes the row. */
    public Future<Void> set(String patientId, Set<String> classes, String by, Instant at) {
        if (classes.isEmpty()) {
            return store.delete(CLASSES, RecordKey.of(patientId, ""));
        }
        JsonObject v = new JsonObject().put("classes", new JsonArray(List.copyOf(new TreeSet<>(classes))))
                .put("by", by).put("at", at.toString());
        return store.put(CLASSES, RecordKey.of(patientId, ""), v.encode().getBytes(StandardCharsets.UTF_8));
    }
}
