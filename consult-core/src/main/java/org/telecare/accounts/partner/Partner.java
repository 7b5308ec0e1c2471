package org.telecare.accounts.partner;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.telecare.access.Permission;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A partner system (another campus's HIS, a regional platform) allowed to call the integration
 * API for one hospital (CON-11, SEC-5).
 *
 * @param id          random id, sent by the partner in {@code X-Telecare-Partner}
 * @param hospitalId  the campus the partner acts for; its requests are scoped to it
 * @param secret      the 32-byte HMAC key. Shown to the administrator once, at creation; never
 *                    in {@link #toPublicJson()} nor {@link #toString()}
 * @param allowedIps  exact addresses and CIDR ranges requests may come from; empty allows none
 * @param permissions what the partner's requests may do
 */
public record Partner(String id, String name, String hospitalId, byte[] secret, List<IpRange> allowedIps,
                      Set<Permission> permissions, boolean enabled, Instant createdAt) {
    public static final int SECRET_BYTES = 32;

    public Partner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hospitalId, "hospitalId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (secret == null || secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("a partner secret is " + SECRET_BYTES + " bytes");
        }
        secret = secret.clone();
        allowedIps = List.copyOf(allowedIps);
        permissions = Set.copyOf(permissions);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Whether a request from {@code address} is allowed. */
    public boolean allows(InetAddress address) {
        return allowedIps.stream().anyMatch(r -> r.contains(address));
    }

    public Partner withEnabled(boolean value) {
        return new Partner(id, name, hospitalId, secret, allowedIps, permissions, value, createdAt);
    }

    public Partner withAllowedIps(List<IpRange> value) {
        return new Partner(id, name, hospitalId, secret, value, permissions, enabled, createdAt);
    }

    public Partner withName(String value) {
        return new Partner(id, value, hospitalId, secret, allowedIps, permissions, enabled,
                createdAt);
    }

    public Partner withPermissions(Set<Permission> value) {
        return new Partner(id, name, hospitalId, secret, allowedIps, value, enabled, createdAt);
    }

    /** A new key (rotation): the old one stops working at once. */
    public Partner withSecret(byte[] value) {
        return new Partner(id, name, hospitalId, value, allowedIps, permissions, enabled, createdAt);
    }

    /** What administrators see: everything except the secret. */
    public JsonObject toPublicJson() {
        return new JsonObject().put("id", id).put("name", name).put("hospitalId", hospitalId)
                .put("allowedIps", new JsonArray(allowedIps.stream().map(IpRange::toString).toList()))
                .put("permissions", new JsonArray(permissions.stream().map(Permission::code).sorted().toList()))
                .put("enabled", enabled).put("createdAt", createdAt.toString());
    }

    /** The stored form, secret included. */
    JsonObject toStoredJson() {
        return toPublicJson().put("secret", Base64.getEncoder().encodeToString(secret));
    }

    static Partner fromStoredJson(JsonObject j) {
        return new Partner(j.getString("id"), j.getString("name"), j.getString("hospitalId"),
                Base64.getDecoder().decode(j.getString("secret")),
                j.getJsonArray("allowedIps", new JsonArray()).stream().map(o -> IpRange.parse((String) o)).toList(),
                j.getJsonArray("permissions", new JsonArray()).stream().map(o -> Permission.of((String) o))
                        .collect(Collectors.toSet()),
                j.getBoolean("enabled", false), Instant.parse(j.getString("createdAt")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partner p && p.toStoredJson().equals(toStoredJson());
    }

    @Override
    public int hashCode() {
        return toStoredJson().hashCode();
    }

    @Override
    public String toString() {
        return "Partner[id=" + id + ", name=" + name + ", hospitalId=" + hospitalId + ", allowedIps=" + allowedIps
                + ", permissions=" + new TreeSet<>(permissions.stream().map(Permission::code).toList())
                + ", enabled=" + enabled + ", secret=(hidden)]";
    }
}
