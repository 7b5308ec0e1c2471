package org.telecare.accounts.directory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user account. The password hash and history never leave the server: {@link #toPublicJson()}
 * is what the API shows.
 *
 * @param previousHashes the last few password hashes, for the no-reuse rule (SEC-1)
 * @param expiresAt      account validity (SEC-3); empty = no end
 * @param phoneCipher    the mobile number, encrypted (SEC-7); shown masked by {@code UserView}
 */
public record User(String id, String login, String name, Optional<String> hospitalId,
                   Optional<String> departmentId, String title, Set<String> roles, boolean enabled,
                   Optional<Instant> expiresAt, String passwordHash, Instant passwordChangedAt,
                   List<String> previousHashes, boolean mustChangePassword, Optional<String> phoneCipher) {

    public User {
        roles = Set.copyOf(roles);
        previousHashes = List.copyOf(previousHashes);
    }

    public JsonObject toPublicJson() {
        JsonObject j = new JsonObject().put("id", id).put("login", login).put("name", name)
                .put("hospitalId", hospitalId.orElse(null)).put("departmentId", departmentId.orElse(null))
                .put("title", title).put("roles", new JsonArray(List.copyOf(new TreeSet<>(roles))))
                .put("enabled", enabled).put("passwordChangedAt", passwordChangedAt.toString())
                .put("mustChangePassword", mustChangePassword);
        expiresAt.ifPresent(e -> j.put("expiresAt", e.toString()));
        return j;
    }

    JsonObject toStoredJson() {
        JsonObject j = toPublicJson().put("passwordHash", passwordHash)
                .put("previousHashes", new JsonArray(previousHashes));
        phoneCipher.ifPresent(c -> j.put("phoneCipher", c));
        return j;
    }

    static User fromStoredJson(JsonObject j) {
        return new User(j.getString("id"), j.getString("login"), j.getString("name"),
                Optional.ofNullable(j.getString("hospitalId")), Optional.ofNullable(j.getString("departmentId")),
                j.getString("title", ""),
                Set.copyOf(j.getJsonArray("roles", new JsonArray()).stream().map(Object::toString).toList()),
                j.getBoolean("enabled", true),
                Optional.ofNullable(j.getString("expiresAt")).map(Instant::parse),
                j.getString("passwordHash"), Instant.parse(j.getString("passwordChangedAt")),
                j.getJsonArray("previousHashes", new JsonArray()).stream().map(Object::toString).toList(),
                j.getBoolean("mustChangePassword", false), Optional.ofNullable(j.getString("phoneCipher")));
    }

    public User withPassword(String hash, Instant at, int keepPrevious, boolean mustChange) {
        List<String> history = new java.util.ArrayList<>(previousHashes);
        history.addFirst(passwordHash);
        while (history.size() > keepPrevious) {
            history.removeLast();
        }
        return new User(id, login, name, hospitalId, departmentId, title, roles, enabled, expiresAt, hash, at,
                history, mustChange, phoneCipher);
    }

    public User withPhoneCipher(Optional<String> cipher) {
        return new User(id, login, name, hospitalId, departmentId, title, roles, enabled, expiresAt, passwordHash,
                passwordChangedAt, previousHashes, mustChangePassword, cipher);
    }

    public User withExpiresAt(Optional<Instant> at) {
        return new User(id, login, name, hospitalId, departmentId, title, roles, enabled, at, passwordHash,
                passwordChangedAt, previousHashes, mustChangePassword, phoneCipher);
    }
}
