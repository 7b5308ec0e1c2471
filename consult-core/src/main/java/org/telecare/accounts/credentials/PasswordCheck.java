package org.telecare.accounts.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a new password against a {@link PasswordPolicy} and returns every rule it breaks, so
 * the user sees all problems at once (S004 §九 1.7.3: "弹窗对应符合的强度要求，并拒绝数据提交和登录").
 *
 * <p>Used when a password is set or changed, with the recent hashes for the reuse rule, and at
 * login without them, where a weak stored password forces a change (S004 §九 1.8 "检测登录弱口令，
 * 并强制修改密码").
 *
 * <p>Character classes: upper-case and lower-case letters, digits, and symbols, where "symbol" is
 * every other non-control character (punctuation, space, and letters without case such as
 * Chinese characters, which are no easier to guess than punctuation).
 *
 * <p>Cost: {@link #check(char[], String)} is cheap (no hashing) and may run on an event loop; the
 * three-argument form runs one Argon2 verification per recent hash (up to
 * {@link PasswordPolicy#historyDepth()}), so run it where blocking is allowed.
 *
 * <p>Thread-safe. The caller's {@code char[]} is read, never kept or modified.
 */
public final class PasswordCheck {

    /**
     * Login names shorter than this are not searched for in passwords: a two-letter login would
     * forbid every password that happens to contain those two letters, which is no security.
     */
    static final int MIN_LOGIN_TO_CHECK = 3;

    private final PasswordPolicy policy;
    private final WeakPasswords weak;
    private final PasswordHasher hasher;

    public PasswordCheck(PasswordPolicy policy, WeakPasswords weak, PasswordHasher hasher) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.weak = Objects.requireNonNull(weak, "weak");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** With the bundled weak-password list. */
    public PasswordCheck(PasswordPolicy policy, PasswordHasher hasher) {
        this(policy, WeakPasswords.bundled(), hasher);
    }

    public PasswordPolicy policy() {
        return policy;
    }

    /**
     * All rules of the policy except reuse: for checking a password at login (S004 §九 1.8) or one
     * set by an administrator.
     */
    public List<PasswordViolation> check(char[] password, String login) {
        return check(password, login, List.of());
    }

    /**
     * All rules of the policy.
     *
     * @param password     the candidate; null counts as empty
     * @param login        the account's login name; null skips the login rule
     * @param recentHashes PHC strings of the current and previous passwords, newest first; only the
     *                     first {@link PasswordPolicy#historyDepth()} are compared, each costing one
     *                     Argon2 computation; null counts as none
     * @return the violations in a stable order; empty when the password is acceptable
     */
    public List<PasswordViolation> check(char[] password, String login, List<String> recentHashes) {
        char[] pw = password == null ? new char[0] : password;
        List<PasswordViolation> out = new ArrayList<>();
        if (pw.length < policy.minLength()) {
            out.add(PasswordViolation.tooShort(policy.minLength()));
        }
        if (pw.length > policy.maxLength()) {
            // Nothing else is looked at: the remaining checks (and hashing) are bounded by maxLength.
            out.add(PasswordViolation.tooLong(policy.maxLength()));
            return List.copyOf(out);
        }
        if (hasControlCharacter(pw)) {
            out.add(PasswordViolation.invalidCharacter());
        }
        PasswordViolation classes = classViolation(pw);
        if (classes != null) {
            out.add(classes);
        }
        if (policy.rejectLogin() && containsLogin(pw, login)) {
            out.add(PasswordViolation.containsLogin());
        }
        if (policy.rejectWeak() && pw.length > 0 && weak.isWeak(pw)) {
            out.add(PasswordViolation.weak());
        }
        if (policy.historyDepth() > 0 && pw.length > 0 && recentHashes != null && reused(pw, recentHashes)) {
            out.add(PasswordViolation.reused(policy.historyDepth()));
        }
        return List.copyOf(out);
    }

    private PasswordViolation classViolation(char[] pw) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean symbol = false;
        for (char c : pw) {
            if (Character.isISOControl(c)) {
                continue;
            }
            if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                symbol = true;
            }
        }
        int count = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        if (count < policy.minCharacterClasses()) {
            return PasswordViolation.tooFewClasses(policy.minCharacterClasses());
        }
        if (policy.requireLetterDigitSymbol() && !((upper || lower) && digit && symbol)) {
            return PasswordViolation.needsLetterDigitSymbol();
        }
        return null;
    }

    private static boolean hasControlCharacter(char[] pw) {
        for (char c : pw) {
            if (Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    /** The login, or the login reversed, anywhere in the password, ignoring case (S004 §九 1.7.2). */
    static boolean containsLogin(char[] pw, String login) {
        if (login == null) {
            return false;
        }
        // Character.toLowerCase, as for the password, so both sides fold case the same way.
        StringBuilder folded = new StringBuilder();
        login.strip().chars().forEach(c -> folded.append(Character.toLowerCase((char) c)));
        String l = folded.toString();
        if (l.length() < MIN_LOGIN_TO_CHECK) {
            return false;
        }
        String reversed = new StringBuilder(l).reverse().toString();
        return indexOfIgnoreCase(pw, l) >= 0 || indexOfIgnoreCase(pw, reversed) >= 0;
    }

    private static int indexOfIgnoreCase(char[] hay, String lowerNeedle) {
        outer:
        for (int i = 0; i + lowerNeedle.length() <= hay.length; i++) {
            for (int j = 0; j < lowerNeedle.length(); j++) {
                if (Character.toLowerCase(hay[i + j]) != lowerNeedle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private boolean reused(char[] pw, List<String> recentHashes) {
        int n = Math.min(policy.historyDepth(), recentHashes.size());
        for (int i = 0; i < n; i++) {
            String h = recentHashes.get(i);
            if (h != null && hasher.verify(pw, h)) {
                return true;
            }
        }
        return false;
    }
}
