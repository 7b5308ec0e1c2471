package org.telecare.accounts.credentials;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Argon2id password hashing (SEC-1 "hashed with a slow KDF"; S004 §九 1.11 "账户密码必须以加密的形式存储"),
 * using BouncyCastle's implementation of RFC 9106 and the PHC string format for storage
 * ({@link Argon2Hash}).
 *
 * <p>Passwords arrive as {@code char[]} so the caller can wipe them; this class wipes its own
 * copies (the UTF-8 bytes and the computed hash) but never the caller's array. Passwords longer
 * than {@link #MAX_PASSWORD_LENGTH} characters are refused before any hashing: Argon2 first
 * pre-hashes the password with BLAKE2b, so length is not a CPU DoS as with PBKDF2, but a cap
 * keeps request handling bounded and matches {@link PasswordPolicy#maxLength()}.
 *
 * <p>Thread-safe; one instance serves the whole node.
 */
public final class PasswordHasher {

    /** The longest password accepted, in UTF-16 chars. */
    public static final int MAX_PASSWORD_LENGTH = 128;

    private final Argon2Settings settings;
    private final SecureRandom random;
    /** A hash of a random password with the current settings, for {@link #dummyVerify}; made on first use. */
    private volatile String dummy;

    public PasswordHasher(Argon2Settings settings) {
        this(settings, new SecureRandom());
    }

    public PasswordHasher(Argon2Settings settings, SecureRandom random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Argon2Settings settings() {
        return settings;
    }

    /**
     * A new PHC string for the password, with a fresh random salt and the current settings.
     *
     * @throws NullPointerException     if the password is null
     * @throws IllegalArgumentException if it is empty or longer than {@link #MAX_PASSWORD_LENGTH}
     */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0) {
            throw new IllegalArgumentException("password is empty");
        }
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password is longer than " + MAX_PASSWORD_LENGTH + " characters");
        }
        byte[] salt = new byte[settings.saltLength()];
        random.nextBytes(salt);
        byte[] bytes = utf8(password);
        byte[] tag = null;
        try {
            tag = argon2id(settings, salt, bytes);
            Argon2Hash h = new Argon2Hash(settings, salt, tag);
            try {
                return h.encode();
            } finally {
                h.clear();
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(salt, (byte) 0);
            if (tag != null) {
                Arrays.fill(tag, (byte) 0);
            }
        }
    }

    /**
     * Whether the password matches the stored PHC string, comparing in constant time. Stored
     * hashes are verified with their own parameters, so old hashes keep working after the
     * settings change.
     *
     * <p>Never throws for bad input: a null, empty or over-long password, or a null or malformed
     * stored string, is simply {@code false} (use {@link #parse} to find out what is wrong with a
     * stored string). The empty and over-long cases return without hashing, exactly as
     * {@link #dummyVerify} does, so they reveal nothing about whether the account exists.
     */
    public boolean verify(char[] password, String encoded) {
        if (!plausible(password)) {
            return false;
        }
        Argon2Hash stored;
        try {
            stored = Argon2Hash.parse(encoded);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] bytes = utf8(password);
        byte[] salt = stored.salt();
        byte[] computed = null;
        try {
            computed = argon2id(stored.settings(), salt, bytes);
            return stored.matches(computed);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(salt, (byte) 0);
            if (computed != null) {
                Arrays.fill(computed, (byte) 0);
            }
            stored.clear();
        }
    }

    /**
     * For a login name that does not exist: does the same work as {@link #verify} against a
     * current-settings hash and always returns {@code false}, so the response time does not tell
     * an attacker which login names exist (user enumeration, OWASP Authentication Cheat Sheet).
     */
    public boolean dummyVerify(char[] password) {
        verify(password, dummyHash());
        return false;
    }

    /**
     * Whether a stored hash should be replaced by a new one with the current settings: its
     * parameters, salt length or hash length differ, or it cannot be parsed at all. The caller
     * re-hashes after the next successful login, when it holds the plain password.
     */
    public boolean needsRehash(String encoded) {
        try {
            Argon2Hash stored = Argon2Hash.parse(encoded);
            stored.clear();
            return !stored.settings().equals(settings);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * Parses a stored PHC string.
     *
     * @throws IllegalArgumentException saying which part is malformed
     */
    public static Argon2Hash parse(String encoded) {
        return Argon2Hash.parse(encoded);
    }

    private static boolean plausible(char[] password) {
        return password != null && password.length > 0 && password.length <= MAX_PASSWORD_LENGTH;
    }

    private String dummyHash() {
        String d = dummy;
        if (d == null) {
            synchronized (this) {
                d = dummy;
                if (d == null) {
                    char[] pw = new char[32];
                    for (int i = 0; i < pw.length; i++) {
                        pw[i] = (char) ('!' + random.nextInt(94));
                    }
                    d = hash(pw);
                    Arrays.fill(pw, '\0');
                    dummy = d;
                }
            }
        }
        return d;
    }

    static byte[] argon2id(Argon2Settings s, byte[] salt, byte[] password) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(s.memoryKiB())
                .withIterations(s.iterations())
                .withParallelism(s.parallelism())
                .withSalt(salt)
                .build();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            byte[] out = new byte[s.hashLength()];
            generator.generateBytes(password, out);
            return out;
        } finally {
            params.clear();
        }
    }

    /**
     * UTF-8 bytes of the password without going through a String (which could not be wiped).
     * The buffer is sized for the worst case (3 bytes per UTF-16 char) so the encoder never
     * reallocates and leaves stray copies; unpaired surrogates become '?', as String.getBytes does.
     */
    static byte[] utf8(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer out = ByteBuffer.allocate(password.length * 3);
        CoderResult r = encoder.encode(CharBuffer.wrap(password), out, true);
        if (!r.isUnderflow()) {
            throw new IllegalStateException("UTF-8 encoding of the password failed: " + r);
        }
        encoder.flush(out);
        byte[] bytes = Arrays.copyOf(out.array(), out.position());
        Arrays.fill(out.array(), (byte) 0);
        return bytes;
    }
}
