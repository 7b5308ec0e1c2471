package org.telecare.accounts;

import org.telecare.web.ApiException;

/** Stable error codes of the accounts and access area (2xxx). */
public final class AccountErrors {
    public static final int NOT_SIGNED_IN = 2401;
    public static final int BAD_CREDENTIALS = 2402;
    public static final int FORBIDDEN = 2403;
    public static final int CAPTCHA_REQUIRED = 2404;
    public static final int CAPTCHA_WRONG = 2405;
    public static final int TOTP_REQUIRED = 2406;
    public static final int TOTP_WRONG = 2407;
    public static final int TOTP_ENROLMENT_REQUIRED = 2408;
    public static final int LOGIN_TAKEN = 2409;
    public static final int TOTP_ALREADY_ENROLLED = 2412;
    public static final int ACCOUNT_DISABLED = 2410;
    public static final int ACCOUNT_EXPIRED = 2411;
    public static final int CSRF = 2419;
    public static final int PASSWORD_POLICY = 2420;
    public static final int PASSWORD_CHANGE_REQUIRED = 2421;
    public static final int ACCOUNT_LOCKED = 2423;
    public static final int NOT_FOUND = 2444;
    /** A custom role still held by users cannot be removed. */
    public static final int ROLE_IN_USE = 2413;
    public static final int ROLE_TAKEN = 2414;
    public static final int SMS_DISABLED = 2430;
    public static final int SMS_TOO_SOON = 2431;
    public static final int SMS_NOT_SENT = 2432;

    private AccountErrors() {
    }

    public static ApiException notSignedIn() {
        return new ApiException(401, NOT_SIGNED_IN, "sign in first");
    }

    public static ApiException forbidden(String what) {
        return new ApiException(403, FORBIDDEN, "not allowed: " + what);
    }

    public static ApiException roleInUse(String role, int holders) {
        return new ApiException(409, ROLE_IN_USE, "role '" + role + "' is held by " + holders
                + " user(s); take it from them first");
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, NOT_FOUND, what + " not found");
    }
}
