package org.telecare.accounts.sensitive;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the field-encryption keys come from (SEC-7: the key is configuration, never in the
 * repository). A cluster must configure them ({@code modules.accounts.fieldKeys}), because every
 * node has to decrypt what any node wrote. A single node without configuration generates a
 * keyring once under {@code <data>/keys} (owner-readable only) so that it is safe from the first
 * start; operators back that file up with the data.
 *
 * <pre>
 * modules:
 *   accounts:
 *     fieldKeys: { current: k2, keys: { k1: "…base64…", k2: "…base64…" } }
 * </pre>
 */
public final class FieldKeySource {
    static final String FILE = "field-keys.json";

    private FieldKeySource() {
    }

    /**
     * The keyring from {@code config} (the {@code fieldKeys} section), or from / into the data
     * folder when {@code generateIfAbsent}. Blocking file I/O: call at start-up off the event loop.
     */
    public static FieldKeys load(JsonObject config, Path dataDir, boolean generateIfAbsent) {
        if (config != null) {
            return fromJson(config, "modules.accounts.fieldKeys");
        }
        if (!generateIfAbsent) {
            throw new InvalidKeyConfigurationException("modules.accounts.fieldKeys is required with the Cassandra backend: "
                    + "every node must hold the same keys (generate one with FieldKeys.generateKeyBase64)");
        }
        Path file = dataDir.resolve("keys").resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                JsonObject fresh = new JsonObject().put("current", "k1")
                        .put("keys", new JsonObject().put("k1", FieldKeys.generateKeyBase64()));
                Path tmp = file.resolveSibling(FILE + ".tmp");
                Files.writeString(tmp, fresh.encodePrettily(), StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system (OPS-3); the data folder's own protection applies
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
        } catch (IOException e) {
            throw new InvalidKeyConfigurationException("cannot read or create the field keys in " + file + ": " + e.getMessage());
        }
    }

    private static FieldKeys fromJson(JsonObject json, String where) {
        JsonObject keys = json.getJsonObject("keys");
        String current = json.getString("current");
        if (keys == null || current == null) {
            throw new InvalidKeyConfigurationException(where + ": needs 'current' (a key id) and 'keys' (key id → base64 key)");
        }
        Map<String, String> map = new LinkedHashMap<>();
        keys.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
        return FieldKeys.fromConfig(map, current);
    }
}
