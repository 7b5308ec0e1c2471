package org.telecare.accounts.credentials;

/**
 * Cost parameters for new Argon2id hashes (SEC-1: "hashed with a slow KDF").
 *
 * <p>Stored hashes carry their own parameters in the PHC string, so changing these settings never
 * breaks existing logins; {@link PasswordHasher#needsRehash(String)} tells the caller to re-hash
 * with the new settings after the next successful login.
 *
 * @param memoryKiB   memory cost m in KiB (RFC 9106 §3.1: at least 8 × parallelism)
 * @param iterations  time cost t, the number of passes over memory
 * @param parallelism lanes p
 * @param saltLength  random salt bytes per hash (RFC 9106 §3.1 recommends 16)
 * @param hashLength  tag length in bytes (RFC 9106 §4 recommends 32)
 */
public record Argon2Settings(int memoryKiB, int iterations, int parallelism, int saltLength, int hashLength) {

    /** Upper bounds that also apply to parameters parsed from stored strings, to cap the work one verify can cause. */
    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 64;
    static final int MIN_SALT = 8;
    static final int MAX_SALT = 64;
    static final int MIN_HASH = 16;
    static final int MAX_HASH = 64;

    public Argon2Settings {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM + ", was " + parallelism);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException(
                    "memoryKiB must be 8 × parallelism.." + MAX_MEMORY_KIB + ", was " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS + ", was " + iterations);
        }
        if (saltLength < MIN_SALT || saltLength > MAX_SALT) {
            throw new IllegalArgumentException("saltLength must be " + MIN_SALT + ".." + MAX_SALT + " bytes, was " + saltLength);
        }
        if (hashLength < MIN_HASH || hashLength > MAX_HASH) {
            throw new IllegalArgumentException("hashLength must be " + MIN_HASH + ".." + MAX_HASH + " bytes, was " + hashLength);
        }
    }

    /**
     * The OWASP Password Storage Cheat Sheet minimum for Argon2id (19 MiB, t=2, p=1), which costs
     * tens of milliseconds per hash on a server core: slow for an attacker with a stolen table,
     * cheap enough that a login burst does not exhaust the node. 16-byte salt and 32-byte tag as
     * RFC 9106 §4 recommends.
     */
    public static Argon2Settings defaults() {
        return new Argon2Settings(19 * 1024, 2, 1, 16, 32);
    }
}
