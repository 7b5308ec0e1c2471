package org.telecare.accounts.credentials;

import java.time.Duration;
import java.util.Objects;

/**
 * Login failure handling (SEC-2; S004 §九 1.4, 1.10 "密码连续输错若干次将锁定账户的功能，次数可配置（如5次），
 * 设置定长时段后自动解锁账户（如1-30分钟）").
 *
 * @param maxFailures          consecutive failures that lock the account
 * @param lockDuration         how long the lock lasts; it then lifts by itself
 * @param captchaAfterFailures from this many recent failures on a captcha is required (1: after
 *                             the first wrong password, S004 §九 1.4; 0: always, as S004 §九 1.1
 *                             asks for internet-facing logins)
 * @param resetAfter           failures older than this are forgotten, so a typo last week does not
 *                             count towards today's lock (as Windows' "reset account lockout
 *                             counter after", which Microsoft's baseline sets to the lock duration)
 */
public record ThrottlePolicy(int maxFailures, Duration lockDuration, int captchaAfterFailures, Duration resetAfter) {

    public ThrottlePolicy {
        Objects.requireNonNull(lockDuration, "lockDuration");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (maxFailures < 1 || maxFailures > 100) {
            throw new IllegalArgumentException("maxFailures must be 1..100, was " + maxFailures);
        }
        if (lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("lockDuration must be positive, was " + lockDuration);
        }
        if (captchaAfterFailures < 0 || captchaAfterFailures > maxFailures) {
            throw new IllegalArgumentException("captchaAfterFailures must be 0..maxFailures, was " + captchaAfterFailures);
        }
        if (resetAfter.isNegative() || resetAfter.isZero()) {
            throw new IllegalArgumentException("resetAfter must be positive, was " + resetAfter);
        }
    }

    /** Lock for 15 minutes after 5 failures, captcha from the first failure, failures forgotten after 15 minutes. */
    public static ThrottlePolicy defaults() {
        return new ThrottlePolicy(5, Duration.ofMinutes(15), 1, Duration.ofMinutes(15));
    }
}
