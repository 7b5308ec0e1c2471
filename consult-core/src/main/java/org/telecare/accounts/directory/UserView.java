package org.telecare.accounts.directory;

import io.vertx.core.json.JsonObject;
import org.telecare.accounts.sensitive.FieldCipher;
import org.telecare.accounts.sensitive.Masking;
import org.telecare.accounts.sensitive.PhoneNumbers;
import org.telecare.web.ApiException;

import java.util.Optional;

/**
 * How a user is shown and how their personal numbers are kept (SEC-7): encrypted at rest, bound
 * to the user and the field, and masked on the server unless the caller is allowed to see more.
 */
public final class UserView {
    private final FieldCipher cipher;

    public UserView(FieldCipher cipher) {
        this.cipher = cipher;
    }

    private static String phoneContext(String userId) {
        return "user:" + userId + ":phone";
    }

    /** The public form; the phone masked ({@code 138****5678}) unless {@code unmask}. */
    public JsonObject json(User u, boolean unmask) {
        JsonObject j = u.toPublicJson();
        u.phoneCipher().ifPresent(c -> {
            String phone = cipher.decrypt(c, phoneContext(u.id()));
            j.put("phone", unmask ? phone : Masking.phone(phone));
        });
        return j;
    }

    /** The user's mobile number in full, for sending them a message (never for an answer). */
    public Optional<String> phone(User u) {
        return u.phoneCipher().map(c -> cipher.decrypt(c, phoneContext(u.id())));
    }

    /** The encrypted form of a mobile number given by an administrator, or a 400 naming the field. */
    public Optional<String> encryptPhone(String userId, String phone) {
        return phone == null ? Optional.empty() : Optional.of(cipher.encrypt(checkedPhone(phone), phoneContext(userId)));
    }

    /** The number in its normal form, or a 400 naming the field. */
    public static String checkedPhone(String phone) {
        return PhoneNumbers.normaliseMobile(phone).orElseThrow(() ->
                ApiException.badRequest("field 'phone' must be a mainland mobile number (11 digits, optionally +86)"));
    }
}
