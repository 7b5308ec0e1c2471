package org.telecare.accounts.sensitive;

import java.util.Base64;

/** Deterministic test keys (never used outside tests). */
final class TestKeys {

    private TestKeys() {}

    static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    static String base64(int seed) {
        return Base64.getEncoder().encodeToString(bytes(seed));
    }

    static FieldKey key(String id, int seed) {
        return new FieldKey(id, bytes(seed));
    }
}
