package org.telecare.accounts.directory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Hospitals, departments and users in the record store. Login names are unique across the
 * platform, claimed with compare-and-set so that two administrators creating the same login on
 * two nodes cannot both succeed.
 */
public final class AccountDirectory {
    static final TableSpec HOSPITALS = TableSpec.plain("acct_hospital");
    static final TableSpec DEPARTMENTS = TableSpec.plain("acct_department");
    static final TableSpec USERS = TableSpec.plain("acct_user");
    static final TableSpec USERS_BY_HOSPITAL = TableSpec.plain("acct_user_by_hospital");
    static final TableSpec LOGINS = TableSpec.withCompareAndSet("acct_login");
    /** Hospitals are few (a region has hundreds), so one partition holds them all. */
    private static final String ALL_HOSPITALS = "all";
    /** Platform users (administrators, auditors) belong to no hospital. */
    private static final String NO_HOSPITAL = "-";

    public static final SchemaMigration MIGRATION = new SchemaMigration("accounts", 1,
            "hospitals, departments, users, unique logins",
            List.of(HOSPITALS, DEPARTMENTS, USERS, USERS_BY_HOSPITAL, LOGINS));

    private final RecordStore store;

    public AccountDirectory(RecordStore store) {
        this.store = store;
    }

    private static byte[] bytes(JsonObject json) {
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject json(StoredRecord r) {
        return new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
    }

    static String loginKey(String login) {
        return login.toLowerCase(Locale.ROOT);
    }

    public Future<Void> putHospital(Hospital h) {
        return store.put(HOSPITALS, RecordKey.of(ALL_HOSPITALS, h.id()), bytes(h.toJson()));
    }

    public Future<Optional<Hospital>> hospital(String id) {
        return store.get(HOSPITALS, RecordKey.of(ALL_HOSPITALS, id)).map(r -> r.map(x -> Hospital.fromJson(json(x))));
    }

    public Future<List<Hospital>> hospitals() {
        return store.range(HOSPITALS, RangeQuery.all(ALL_HOSPITALS))
                .map(rs -> rs.stream().map(r -> Hospital.fromJson(json(r))).toList());
    }

    public Future<Void> putDepartment(Department d) {
        return store.put(DEPARTMENTS, RecordKey.of(d.hospitalId(), d.id()), bytes(d.toJson()));
    }

    public Future<Optional<Department>> department(String hospitalId, String id) {
        return store.get(DEPARTMENTS, RecordKey.of(hospitalId, id)).map(r -> r.map(x -> Department.fromJson(json(x))));
    }

    public Future<List<Department>> departments(String hospitalId) {
        return store.range(DEPARTMENTS, RangeQuery.all(hospitalId))
                .map(rs -> rs.stream().map(r -> Department.fromJson(json(r))).toList());
    }

    /** Creates the user if the login is free; {@code false} when it is taken. */
    public Future<Boolean> createUser(User u) {
        RecordKey login = RecordKey.of(loginKey(u.login()), "");
        return store.putIfAbsent(LOGINS, login, u.id().getBytes(StandardCharsets.UTF_8), null).compose(claim -> {
            if (!claim.applied()) {
                return Future.succeededFuture(false);
            }
            return saveUser(u).map(true);
        });
    }

    /** Writes the user record and its hospital listing (the login does not change). */
    public Future<Void> saveUser(User u) {
        return store.put(USERS, RecordKey.of(u.id(), ""), bytes(u.toStoredJson()))
                .compose(v -> store.put(USERS_BY_HOSPITAL, RecordKey.of(u.hospitalId().orElse(NO_HOSPITAL), u.id()),
                        new byte[0]));
    }

    public Future<Optional<User>> user(String id) {
        return store.get(USERS, RecordKey.of(id, "")).map(r -> r.map(x -> User.fromStoredJson(json(x))));
    }

    public Future<Optional<User>> userByLogin(String login) {
        if (login.isEmpty() || login.length() > 64) {
            return Future.succeededFuture(Optional.empty());
        }
        return store.get(LOGINS, RecordKey.of(loginKey(login), "")).compose(r -> r.isEmpty()
                ? Future.succeededFuture(Optional.<User>empty())
                : user(new String(r.get().value(), StandardCharsets.UTF_8)));
    }

    /** Users of one hospital, or platform users when {@code hospitalId} is empty. */
    public Future<List<User>> users(Optional<String> hospitalId) {
        return store.range(USERS_BY_HOSPITAL, RangeQuery.all(hospitalId.orElse(NO_HOSPITAL)))
                .compose(rows -> Future.all(rows.stream().map(r -> user(r.key().clustering())).toList()))
                .map(all -> all.<Optional<User>>list().stream().flatMap(Optional::stream).toList());
    }

    /** Every user: platform users and those of each hospital (for checks over the whole directory). */
    public Future<List<User>> allUsers() {
        return hospitals().compose(hs -> {
            List<Future<List<User>>> parts = new java.util.ArrayList<>();
            parts.add(users(Optional.empty()));
            hs.forEach(h -> parts.add(users(Optional.of(h.id()))));
            return Future.all(parts).map(all -> all.<List<User>>list().stream().flatMap(List::stream).toList());
        });
    }
}
