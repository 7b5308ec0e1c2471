package org.telecare.accounts.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.credentials.PasswordCheck;
import org.telecare.accounts.credentials.PasswordHasher;
import org.telecare.accounts.credentials.PasswordViolation;
import org.telecare.accounts.directory.AccountDirectory;
import org.telecare.accounts.directory.User;
import org.telecare.web.ApiException;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Account operations that involve passwords. Argon2id is deliberately slow (tens of
 * milliseconds and ~19 MiB per hash), so hashing and verifying run on worker threads, never on
 * an event loop.
 */
public final class UserAccounts {
    /** How many earlier passwords a user may not reuse (SEC-1). */
    static final int KEEP_PREVIOUS = 5;

    private static final String ALPHABET_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String ALPHABET_LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "!#%+-=?@";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new account and the one-time password to hand to its owner. */
    public record Created(User user, String initialPassword) {
    }

    private final Vertx vertx;
    private final AccountDirectory directory;
    private final PasswordHasher hasher;
    private final PasswordCheck check;
    private final Clock clock;

    public UserAccounts(Vertx vertx, AccountDirectory directory, PasswordHasher hasher, PasswordCheck check,
                        Clock clock) {
        this.vertx = vertx;
        this.directory = directory;
        this.hasher = hasher;
        this.check = check;
        this.clock = clock;
    }

    /** Creates an account with a random initial password that must be changed at first sign-in. */
    public Future<Created> create(String login, String name, Optional<String> hospital, Optional<String> department,
                                  String title, Set<String> roles) {
        return create(login, name, hospital, department, title, roles, generatePassword());
    }

    public Future<Created> create(String login, String name, Optional<String> hospital, Optional<String> department,
                                  String title, Set<String> roles, String initialPassword) {
        return hash(initialPassword).compose(hash -> {
            User u = new User(UUID.randomUUID().toString(), login, name, hospital, department, title, roles, true,
                    Optional.empty(), hash, clock.instant(), java.util.List.of(), true, Optional.empty());
            return directory.createUser(u).compose(created -> created
                    ? Future.succeededFuture(new Created(u, initialPassword))
                    : Future.failedFuture(new ApiException(409, AccountErrors.LOGIN_TAKEN,
                            "the login '" + login + "' is taken")));
        });
    }

    /** Checks a password; for unknown logins the same work is done, so timing reveals nothing. */
    public Future<Boolean> verify(Optional<User> user, String password) {
        return vertx.executeBlocking(() -> user.isPresent()
                ? hasher.verify(password.toCharArray(), user.get().passwordHash())
                : hasher.dummyVerify(password.toCharArray()), false);
    }

    /**
     * Every rule the new password breaks (SEC-1), including reuse of the current or one of the
     * kept earlier passwords (which costs an Argon2 verification each, hence a worker thread).
     */
    public Future<List<PasswordViolation>> violations(User user, String password) {
        List<String> recent = new java.util.ArrayList<>();
        recent.add(user.passwordHash());
        recent.addAll(user.previousHashes());
        return vertx.executeBlocking(() -> check.check(password.toCharArray(), user.login(), recent), false);
    }

    /** A new one-time password set by an administrator; the user must change it at next sign-in. */
    public Future<Created> resetPassword(User user) {
        String fresh = generatePassword();
        return hash(fresh).compose(hash -> {
            User updated = user.withPassword(hash, clock.instant(), KEEP_PREVIOUS, true);
            return directory.saveUser(updated).map(new Created(updated, fresh));
        });
    }

    /** Stores a new password (already checked against the policy) and clears the forced change. */
    public Future<User> changePassword(User user, String newPassword) {
        return hash(newPassword).compose(hash -> {
            User updated = user.withPassword(hash, clock.instant(), KEEP_PREVIOUS, false);
            return directory.saveUser(updated).map(updated);
        });
    }

    private Future<String> hash(String password) {
        return vertx.executeBlocking(() -> hasher.hash(password.toCharArray()), false);
    }

    /** 16 characters with every character class, from alphabets without look-alikes. */
    static String generatePassword() {
        String all = ALPHABET_UPPER + ALPHABET_LOWER + DIGITS + SYMBOLS;
        char[] out = new char[16];
        out[0] = pick(ALPHABET_UPPER);
        out[1] = pick(ALPHABET_LOWER);
        out[2] = pick(DIGITS);
        out[3] = pick(SYMBOLS);
        for (int i = 4; i < out.length; i++) {
            out[i] = pick(all);
        }
        for (int i = out.length - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            char t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return new String(out);
    }

    private static char pick(String alphabet) {
        return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }
}
