package org.telecare.accounts.partner;

import org.telecare.web.ApiException;

/**
 * Stable error codes of partner-system authentication (2430–2439). Partner systems act on the
 * code, never on the message text.
 */
public final class PartnerErrors {
    /** 401: a signing header is missing or malformed; the message names it. */
    public static final int SIGNATURE_HEADERS = 2430;
    /** 401: the timestamp is outside the accepted window around the server clock. */
    public static final int TIMESTAMP_OUT_OF_WINDOW = 2432;
    /**
     * 401: the signature does not verify. Also the answer for an unknown partner id, so that a
     * caller without a secret learns nothing about which partner ids exist (the audit trail
     * records the real reason).
     */
    public static final int BAD_SIGNATURE = 2433;
    /** 403: the partner is disabled. */
    public static final int PARTNER_DISABLED = 2434;
    /** 403: the request's source address is not on the partner's allow-list. */
    public static final int IP_NOT_ALLOWED = 2435;
    /** 409: the nonce was already used by this partner inside the timestamp window (a replay). */
    public static final int NONCE_REPLAYED = 2436;
    /** 403: the partner lacks a permission the route requires. */
    public static final int PARTNER_FORBIDDEN = 2437;
    /** 404: no partner with that id (administration routes). */
    public static final int PARTNER_NOT_FOUND = 2438;

    /** 409: a partner with that id exists already (administration routes). */
    public static final int PARTNER_ID_TAKEN = 2439;

    private PartnerErrors() {
    }

    static ApiException headers(String message) {
        return new ApiException(401, SIGNATURE_HEADERS, message);
    }

    static ApiException badSignature() {
        return new ApiException(401, BAD_SIGNATURE,
                "the request signature does not verify (unknown partner, wrong secret or altered request)");
    }
}
