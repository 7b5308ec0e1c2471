package org.telecare.collab.annotation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Saved annotations per study and author, table {@code collab_annotation}: partition = Study
 * Instance UID, clustering = the author's user id, value = {@link AnnotationSet} as JSON. One
 * partition per study holds one row per author, so reading "everyone's on this study" is one
 * bounded range read on both backends.
 */
public final class AnnotationStore {
    static final TableSpec TABLE = TableSpec.plain("collab_annotation");
    public static final SchemaMigration MIGRATION = new SchemaMigration("collab", 1, "saved annotations per study and author",
            List.of(TABLE));
    /** Authors per study that one read returns; far above the people who annotate one study. */
    static final int MAX_AUTHORS = 1_000;

    private final RecordStore store;

    public AnnotationStore(RecordStore store) {
        this.store = store;
    }

    public Future<Optional<AnnotationSet>> of(String studyUid, String userId) {
        return store.get(TABLE, RecordKey.of(studyUid, userId)).map(r -> r.map(x -> decode(x.value())));
    }

    public Future<Void> put(AnnotationSet set) {
        return store.put(TABLE, RecordKey.of(set.studyUid(), set.userId()),
                set.toJson().encode().getBytes(StandardCharsets.UTF_8));
    }

    public Future<Void> delete(String studyUid, String userId) {
        return store.delete(TABLE, RecordKey.of(studyUid, userId));
    }

    public Future<List<AnnotationSet>> all(String studyUid) {
        return store.range(TABLE, RangeQuery.all(studyUid).limit(MAX_AUTHORS))
                .map(rows -> rows.stream().map(r -> decode(r.value())).toList());
    }

    private static AnnotationSet decode(byte[] value) {
        return AnnotationSet.fromJson(new JsonObject(new String(value, StandardCharsets.UTF_8)));
    }
}
