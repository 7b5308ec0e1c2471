package org.telecare.accounts.dictionary;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dictionaries (code tables) in the record store (CON-12): the built-in {@code gender}
 * (GB/T 2261.1) and {@code title} (professional titles of Chinese hospitals) and any code table
 * an administrator defines.
 *
 * <p>Table {@code acct_dictionary}: partition = dictionary id, clustering = code, value = the
 * entry as JSON; a dictionary holds at most {@link #MAX_ENTRIES} codes, so the partition is
 * bounded. Table {@code acct_dictionary_ids}: one partition listing the dictionary ids, at most
 * {@link #MAX_DICTIONARIES}.
 *
 * <p>There is no delete: stored records (users, patients, consults) refer to codes, so a code
 * that is no longer wanted is disabled instead.
 */
public final class Dictionaries {
    static final TableSpec ENTRIES = TableSpec.plain("acct_dictionary");
    static final TableSpec IDS = TableSpec.plain("acct_dictionary_ids");
    /** The single partition of {@link #IDS}: dictionaries are few. */
    private static final String ALL = "all";
    public static final int MAX_DICTIONARIES = 200;
    public static final int MAX_ENTRIES = 2000;

    public static final String GENDER = "gender";
    public static final String TITLE = "title";

    public static final SchemaMigration MIGRATION = new SchemaMigration("accounts-dictionary", 1,
            "dictionaries (gender, professional title, code tables) and their index", List.of(ENTRIES, IDS));

    /**
     * The built-in entries, by dictionary. Gender: GB/T 2261.1-2003 (人的性别代码). Titles: the
     * professional technical posts of health workers, coded after GB/T 8561 (专业技术职务代码);
     * 住院医师 is the post GB/T 8561 calls 医师 (code 234). Codes are stable: never renumber them.
     */
    public static final Map<String, List<DictionaryEntry>> BUILT_IN = Map.of(
            GENDER, List.of(
                    entry(GENDER, "1", "男性", "Male", 10),
                    entry(GENDER, "2", "女性", "Female", 20),
                    entry(GENDER, "0", "未知的性别", "Unknown", 80),
                    entry(GENDER, "9", "未说明的性别", "Not stated", 90)),
            TITLE, List.of(
                    entry(TITLE, "231", "主任医师", "Chief Physician", 10),
                    entry(TITLE, "232", "副主任医师", "Associate Chief Physician", 20),
                    entry(TITLE, "233", "主治医师", "Attending Physician", 30),
                    entry(TITLE, "234", "住院医师", "Resident Physician", 40),
                    entry(TITLE, "235", "医士", "Assistant Physician", 50),
                    entry(TITLE, "251", "主任护师", "Chief Nurse", 110),
                    entry(TITLE, "252", "副主任护师", "Associate Chief Nurse", 120),
                    entry(TITLE, "253", "主管护师", "Nurse-in-charge", 130),
                    entry(TITLE, "254", "护师", "Senior Nurse", 140),
                    entry(TITLE, "255", "护士", "Nurse", 150),
                    entry(TITLE, "261", "主任技师", "Chief Technician", 210),
                    entry(TITLE, "262", "副主任技师", "Associate Chief Technician", 220),
                    entry(TITLE, "263", "主管技师", "Supervising Technician", 230),
                    entry(TITLE, "264", "技师", "Technician", 240)));

    private final RecordStore store;

    public Dictionaries(RecordStore store) {
        this.store = store;
    }

    private static DictionaryEntry entry(String dictionary, String code, String label, String labelEn, int sort) {
        return new DictionaryEntry(dictionary, code, label, Optional.of(labelEn), sort, true);
    }

    private static byte[] bytes(JsonObject json) {
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }

    private static DictionaryEntry decode(StoredRecord r) {
        return DictionaryEntry.fromJson(new JsonObject(new String(r.value(), StandardCharsets.UTF_8)));
    }

    public static boolean builtIn(String dictionary) {
        return BUILT_IN.containsKey(dictionary);
    }

    /**
     * Writes the built-in entries that are missing, once per code: an entry that exists (seeded
     * earlier, or edited or disabled by an administrator since) is left as it is, so seeding at
     * every start neither duplicates nor overwrites, and completes a seed interrupted half-way.
     */
    public Future<Void> seed() {
        List<Future<Void>> all = new ArrayList<>();
        for (Map.Entry<String, List<DictionaryEntry>> d : BUILT_IN.entrySet()) {
            all.add(store.range(ENTRIES, RangeQuery.all(d.getKey())).compose(rows -> {
                Set<String> present = new HashSet<>();
                rows.forEach(r -> present.add(r.key().clustering()));
                List<Future<Void>> writes = new ArrayList<>();
                for (DictionaryEntry e : d.getValue()) {
                    if (!present.contains(e.code())) {
                        writes.add(store.put(ENTRIES, RecordKey.of(e.dictionary(), e.code()), bytes(e.toJson())));
                    }
                }
                return Future.all(writes).compose(x -> index(d.getKey()));
            }));
        }
        return Future.all(all).mapEmpty();
    }

    /** The ids of the dictionaries that have entries, in id order. */
    public Future<List<String>> ids() {
        return store.range(IDS, RangeQuery.all(ALL).limit(MAX_DICTIONARIES + 10))
                .map(rows -> rows.stream().map(r -> r.key().clustering()).toList());
    }

    public Future<Boolean> exists(String dictionary) {
        return store.get(IDS, RecordKey.of(ALL, dictionary)).map(Optional::isPresent);
    }

    /** The dictionary's entries, disabled ones included, by sort order then code; empty when unknown. */
    public Future<List<DictionaryEntry>> entries(String dictionary) {
        return store.range(ENTRIES, RangeQuery.all(dictionary).limit(MAX_ENTRIES + 10))
                .map(rows -> rows.stream().map(Dictionaries::decode).sorted(DictionaryEntry.ORDER).toList());
    }

    public Future<Optional<DictionaryEntry>> entry(String dictionary, String code) {
        return store.get(ENTRIES, RecordKey.of(dictionary, code)).map(r -> r.map(Dictionaries::decode));
    }

    /** How {@link #put} went. */
    public enum PutOutcome { CREATED, REPLACED, TOO_MANY_ENTRIES, TOO_MANY_DICTIONARIES }

    /**
     * Creates or replaces the entry. A new code is refused beyond {@link #MAX_ENTRIES} per
     * dictionary, a new dictionary beyond {@link #MAX_DICTIONARIES} (two administrators racing
     * may overshoot by one each; the limits only keep partitions bounded).
     */
    public Future<PutOutcome> put(DictionaryEntry e) {
        return entry(e.dictionary(), e.code()).compose(existing -> {
            if (existing.isPresent()) {
                return write(e).map(PutOutcome.REPLACED);
            }
            return exists(e.dictionary()).compose(known -> known
                    ? Future.succeededFuture(true)
                    : ids().map(ids -> ids.size() < MAX_DICTIONARIES)).compose(dictionaryOk -> {
                if (!dictionaryOk) {
                    return Future.succeededFuture(PutOutcome.TOO_MANY_DICTIONARIES);
                }
                return store.range(ENTRIES, RangeQuery.all(e.dictionary()).limit(MAX_ENTRIES)).compose(rows ->
                        rows.size() >= MAX_ENTRIES ? Future.succeededFuture(PutOutcome.TOO_MANY_ENTRIES)
                                : write(e).map(PutOutcome.CREATED));
            });
        });
    }

    /** Replaces an existing entry (no limits to check). */
    public Future<Void> replace(DictionaryEntry e) {
        return write(e);
    }

    /** The entry first, then its index row (idempotent, so a crash between heals on the next write). */
    private Future<Void> write(DictionaryEntry e) {
        return store.put(ENTRIES, RecordKey.of(e.dictionary(), e.code()), bytes(e.toJson()))
                .compose(v -> index(e.dictionary()));
    }

    private Future<Void> index(String dictionary) {
        return store.put(IDS, RecordKey.of(ALL, dictionary), new byte[0]);
    }
}
