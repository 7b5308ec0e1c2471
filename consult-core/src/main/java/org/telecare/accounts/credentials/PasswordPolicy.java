package org.telecare.accounts.credentials;

import java.time.Duration;
import java.util.Objects;

/**
 * The configurable password rules (SEC-1; S004 §九 1.7–1.9), checked by {@link PasswordCheck}
 * and, for the age rules, by {@link PasswordAge}.
 *
 * @param minLength                minimum length in characters (S004 §九 1.7.1: at least 10)
 * @param maxLength                maximum length; at most {@link PasswordHasher#MAX_PASSWORD_LENGTH}
 * @param minCharacterClasses      how many of the four classes (upper-case, lower-case, digit,
 *                                 symbol) a password needs (SEC-1: 3 of 4)
 * @param requireLetterDigitSymbol the literal reading of S004 §九 1.7.1 ("数字、大小写字母（任意一种或
 *                                 俩种组合）、特殊符号共3类"): a letter of either case, a digit and a
 *                                 symbol must all be present; off by default, where SEC-1's "3 of 4"
 *                                 applies alone
 * @param rejectLogin              refuse passwords containing the login name, forwards or
 *                                 backwards, ignoring case (S004 §九 1.7.2)
 * @param rejectWeak               refuse weak passwords: the bundled list, list words with digits or
 *                                 symbols around them, keyboard walks, sequences, repeats (S004 §九 1.7.3, 1.8)
 * @param historyDepth             how many recent hashes (current one included) a new password must
 *                                 differ from; 0 turns the reuse check off (S004 §九 1.9)
 * @param maxAge                   a password this old must be changed (S004 §九 1.9: configurable, e.g.
 *                                 a month or a year)
 * @param warnBefore               how long before expiry the user is reminded (S004 §九 1.9: a week)
 */
public record PasswordPolicy(int minLength, int maxLength, int minCharacterClasses, boolean requireLetterDigitSymbol,
                             boolean rejectLogin, boolean rejectWeak, int historyDepth, Duration maxAge,
                             Duration warnBefore) {

    public PasswordPolicy {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(warnBefore, "warnBefore");
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be at least 1, was " + minLength);
        }
        if (maxLength < minLength || maxLength > PasswordHasher.MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("maxLength must be minLength.." + PasswordHasher.MAX_PASSWORD_LENGTH
                    + ", was " + maxLength);
        }
        if (minCharacterClasses < 1 || minCharacterClasses > 4) {
            throw new IllegalArgumentException("minCharacterClasses must be 1..4, was " + minCharacterClasses);
        }
        if (historyDepth < 0 || historyDepth > 24) {
            throw new IllegalArgumentException("historyDepth must be 0..24, was " + historyDepth);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        if (warnBefore.isNegative() || warnBefore.compareTo(maxAge) >= 0) {
            throw new IllegalArgumentException("warnBefore must be at least zero and shorter than maxAge, was " + warnBefore);
        }
    }

    /**
     * At least 10 characters, 3 of 4 classes, no login name, no weak password, none of the last 5,
     * change every 90 days with a reminder 7 days before.
     */
    public static PasswordPolicy defaults() {
        return new PasswordPolicy(10, PasswordHasher.MAX_PASSWORD_LENGTH, 3, false, true, true, 5,
                Duration.ofDays(90), Duration.ofDays(7));
    }
}
