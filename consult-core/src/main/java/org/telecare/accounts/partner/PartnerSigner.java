package org.telecare.accounts.partner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signs requests for a partner system (the client side of {@link PartnerGuard}; see there for
 * the scheme and a worked example). Partners on the JVM may use this class as it is; others
 * implement the same few lines:
 *
 * <pre>{@code
 * PartnerSigner signer = PartnerSigner.fromBase64("p-4f0c…", secretShownAtCreation);
 * Map<String, String> headers = signer.headers("POST", "/api/v1/partner/v1/consults?campus=east", bodyBytes);
 * // send the request with exactly that method, path, query and body, plus these four headers
 * }</pre>
 *
 * <p>The path and query are signed exactly as they are sent (percent-encoding included), so build
 * the request from the same string.
 */
public final class PartnerSigner {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Comparator<String> BY_NAME_THEN_VALUE =
            Comparator.comparing((String p) -> p.substring(0, p.indexOf('='))).thenComparing(p -> p);

    private final String partnerId;
    private final byte[] secret;
    private final Clock clock;

    public PartnerSigner(String partnerId, byte[] secret, Clock clock) {
        this.partnerId = partnerId;
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** With the secret as shown at creation (base64) and the system clock. */
    public static PartnerSigner fromBase64(String partnerId, String secretBase64) {
        return new PartnerSigner(partnerId, Base64.getDecoder().decode(secretBase64), Clock.systemUTC());
    }

    /** The four headers for a request signed now with a fresh random nonce. */
    public Map<String, String> headers(String method, String pathAndQuery, byte[] body) {
        return headers(method, pathAndQuery, body, clock.instant().getEpochSecond(), newNonce());
    }

    /** The four headers for given timestamp and nonce (tests, and replays on purpose). */
    public Map<String, String> headers(String method, String pathAndQuery, byte[] body, long epochSeconds, String nonce) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        String timestamp = Long.toString(epochSeconds);
        String canonical = canonical(method, path, query, timestamp, nonce, body);
        Map<String, String> h = new LinkedHashMap<>();
        h.put(PartnerGuard.PARTNER_HEADER, partnerId);
        h.put(PartnerGuard.TIMESTAMP_HEADER, timestamp);
        h.put(PartnerGuard.NONCE_HEADER, nonce);
        h.put(PartnerGuard.SIGNATURE_HEADER, sign(secret, canonical));
        return h;
    }

    /** 24 random bytes, base64url without padding: 32 characters. */
    public static String newNonce() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * The string that is signed: {@code METHOD\nPATH\nSORTED_QUERY\nTIMESTAMP\nNONCE\nhex(SHA-256(body))}.
     *
     * @param path  the request path as sent (percent-encoded, not decoded), without the query
     * @param query the raw query as sent, without {@code ?}; empty or {@code null} when there is none
     * @param body  the body bytes; {@code null} or empty for none
     */
    public static String canonical(String method, String path, String query, String timestamp, String nonce, byte[] body) {
        return method.toUpperCase(Locale.ROOT) + '\n' + path + '\n' + sortedQuery(query) + '\n' + timestamp + '\n'
                + nonce + '\n' + HexFormat.of().formatHex(sha256(body == null ? new byte[0] : body));
    }

    /**
     * The raw query with its parameters sorted: split on {@code &}, empty parts dropped, a part
     * without {@code =} taken as {@code name=}, sorted by name and then by the whole part
     * (ordinal comparison of the encoded text, no decoding), joined with {@code &}.
     */
    public static String sortedQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String p : query.split("&", -1)) {
            if (!p.isEmpty()) {
                parts.add(p.indexOf('=') < 0 ? p + "=" : p);
            }
        }
        parts.sort(BY_NAME_THEN_VALUE);
        return String.join("&", parts);
    }

    /** Base64 (standard alphabet, padded) of HMAC-SHA256 over the UTF-8 canonical string. */
    public static String sign(byte[] secret, String canonical) {
        return Base64.getEncoder().encodeToString(hmac(secret, canonical));
    }

    static byte[] hmac(byte[] secret, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
