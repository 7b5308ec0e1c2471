package org.telecare.accounts.sensitive;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keyring for field encryption (SEC-7): every key that may still appear in stored ciphertexts,
 * plus the id of the current key, which encrypts all new values.
 *
 * <p>Rotation: generate a new key ({@link #generateKeyBase64()}), add it to the configuration,
 * make it current; keep the old keys configured until every stored value has been re-encrypted
 * ({@link FieldCipher#needsReencryption(String)}), then remove them.
 *
 * <p>Configuration is a map of key id to Base64 key (32 bytes; standard or URL-safe alphabet,
 * padding optional) and the current key id. Keys come from configuration or a secret store, never
 * from the repository. Nothing here logs, and {@link #toString()} shows ids only.
 */
public final class FieldKeys {

    private final Map<String, FieldKey> keys;
    private final FieldKey current;

    private FieldKeys(Map<String, FieldKey> keys, String currentId) {
        if (keys.isEmpty()) {
            throw new InvalidKeyConfigurationException("no field encryption keys configured");
        }
        if (currentId == null || currentId.isBlank()) {
            throw new InvalidKeyConfigurationException("no current field encryption key id configured");
        }
        FieldKey cur = keys.get(currentId);
        if (cur == null) {
            throw new InvalidKeyConfigurationException("current field key id \""
                    + FieldKey.abbreviate(currentId) + "\" is not among the configured keys "
                    + new TreeSet<>(keys.keySet()));
        }
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.current = cur;
    }

    /**
     * Builds the keyring from configuration.
     *
     * @param base64KeysById key id → Base64 of 32 random bytes
     * @param currentKeyId the id of the key that encrypts new values; must be in the map
     * @throws InvalidKeyConfigurationException naming the offending key id (never its material)
     */
    public static FieldKeys fromConfig(Map<String, String> base64KeysById, String currentKeyId) {
        Objects.requireNonNull(base64KeysById, "base64KeysById");
        Map<String, FieldKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : base64KeysById.entrySet()) {
            String id = e.getKey();
            byte[] material = decodeKey(id, e.getValue());
            keys.put(id, new FieldKey(id, material));
            java.util.Arrays.fill(material, (byte) 0);
        }
        return new FieldKeys(keys, currentKeyId);
    }

    /** Builds the keyring from keys already loaded. Ids must be distinct. */
    public static FieldKeys of(String currentKeyId, FieldKey... keys) {
        Map<String, FieldKey> map = new LinkedHashMap<>();
        for (FieldKey k : keys) {
            if (map.put(k.id(), k) != null) {
                throw new InvalidKeyConfigurationException("duplicate field key id \"" + k.id() + "\"");
            }
        }
        return new FieldKeys(map, currentKeyId);
    }

    /**
     * Decodes one configured Base64 key of exactly 32 bytes. Shared with {@link BlindIndex}.
     *
     * @param what names the key in error messages (a key id or a setting name)
     */
    static byte[] decodeKey(String what, String base64) {
        String label = what == null ? "null" : FieldKey.abbreviate(what);
        if (base64 == null || base64.isBlank()) {
            throw new InvalidKeyConfigurationException("key \"" + label + "\" is empty");
        }
        String s = base64.strip();
        byte[] decoded;
        try {
            decoded = (s.indexOf('-') >= 0 || s.indexOf('_') >= 0)
                    ? Base64.getUrlDecoder().decode(s)
                    : Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException notBase64) {
            // The decoder's message quotes the offending character; don't pass it on.
            throw new InvalidKeyConfigurationException("key \"" + label + "\" is not valid Base64");
        }
        if (decoded.length != FieldKey.KEY_LENGTH) {
            int n = decoded.length;
            java.util.Arrays.fill(decoded, (byte) 0);
            throw new InvalidKeyConfigurationException("key \"" + label + "\" must decode to "
                    + FieldKey.KEY_LENGTH + " bytes (AES-256 / HMAC-SHA256) but decodes to " + n
                    + " bytes; generate one with FieldKeys.generateKeyBase64()");
        }
        return decoded;
    }

    /** The key that encrypts new values. */
    public FieldKey current() {
        return current;
    }

    /** The key with this id, if configured. */
    public Optional<FieldKey> find(String keyId) {
        return Optional.ofNullable(keyId == null ? null : keys.get(keyId));
    }

    /** All configured key ids, in configuration order. */
    public Set<String> ids() {
        return keys.keySet();
    }

    /** A fresh random 32-byte key in standard Base64, for operators setting up or rotating keys. */
    public static String generateKeyBase64() {
        return generateKeyBase64(new SecureRandom());
    }

    /** As {@link #generateKeyBase64()} with the given source of randomness. */
    public static String generateKeyBase64(SecureRandom random) {
        byte[] key = new byte[FieldKey.KEY_LENGTH];
        random.nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        java.util.Arrays.fill(key, (byte) 0);
        return encoded;
    }

    @Override
    public String toString() {
        return "FieldKeys[current=" + current.id() + ", ids=" + keys.keySet() + ", material=<redacted>]";
    }
}
