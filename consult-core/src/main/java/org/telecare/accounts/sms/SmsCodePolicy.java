package org.telecare.accounts.sms;

import java.time.Duration;

/**
 * The limits of sign-in codes by SMS (SEC-2: "SMS codes rate-limited"): a new code at most every
 * {@code resendAfter} and {@code maxPerHour} an hour per account, each valid for {@code validFor}
 * and burnt after {@code maxAttempts} wrong tries.
 */
public record SmsCodePolicy(Duration resendAfter, int maxPerHour, Duration validFor, int maxAttempts, int digits) {
    public static SmsCodePolicy defaults() {
        return new SmsCodePolicy(Duration.ofSeconds(60), 5, Duration.ofMinutes(5), 5, 6);
    }
}
