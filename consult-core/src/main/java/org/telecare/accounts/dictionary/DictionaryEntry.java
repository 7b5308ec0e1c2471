package org.telecare.accounts.dictionary;

import io.vertx.core.json.JsonObject;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One code of a dictionary (CON-12): the gender of a person, the professional title of a
 * doctor, or an entry of an administrator-defined code table. Stored records refer to the
 * {@link #code()}, which therefore never changes meaning; labels may be edited and an entry may
 * be disabled, but it is never deleted.
 *
 * @param dictionary the dictionary id, {@code [a-z][a-z0-9_-]{1,31}} ({@code gender}, {@code title}, …)
 * @param code       the stored code, {@code [A-Za-z0-9_.-]{1,32}}
 * @param label      the Chinese label, 1..64 characters
 * @param labelEn    the English label, 1..64 characters, if any
 * @param sortOrder  display order 0..9999 (ties are broken by code)
 * @param enabled    whether the entry is offered for new records; disabled entries are still
 *                   listed, so that existing records keep a label
 */
public record DictionaryEntry(String dictionary, String code, String label, Optional<String> labelEn, int sortOrder,
                              boolean enabled) {
    public static final Pattern DICTIONARY_ID = Pattern.compile("[a-z][a-z0-9_-]{1,31}");
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    public static final int MAX_LABEL = 64;
    public static final int MAX_SORT_ORDER = 9999;

    /** Display order: sort order, then code. */
    public static final Comparator<DictionaryEntry> ORDER =
            Comparator.comparingInt(DictionaryEntry::sortOrder).thenComparing(DictionaryEntry::code);

    public DictionaryEntry {
        Objects.requireNonNull(labelEn, "labelEn");
        if (dictionary == null || !DICTIONARY_ID.matcher(dictionary).matches()) {
            throw new IllegalArgumentException("dictionary id must match " + DICTIONARY_ID.pattern() + ", got: " + dictionary);
        }
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must match " + CODE.pattern() + ", got: " + code);
        }
        checkLabel("label", label);
        labelEn.ifPresent(l -> checkLabel("labelEn", l));
        if (sortOrder < 0 || sortOrder > MAX_SORT_ORDER) {
            throw new IllegalArgumentException("sortOrder must be 0.." + MAX_SORT_ORDER + ", got " + sortOrder);
        }
    }

    private static void checkLabel(String what, String label) {
        if (label == null || label.isBlank() || label.length() > MAX_LABEL) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_LABEL + " characters");
        }
    }

    public DictionaryEntry withEnabled(boolean value) {
        return new DictionaryEntry(dictionary, code, label, labelEn, sortOrder, value);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("dictionary", dictionary).put("code", code).put("label", label);
        labelEn.ifPresent(l -> json.put("labelEn", l));
        return json.put("sortOrder", sortOrder).put("enabled", enabled);
    }

    public static DictionaryEntry fromJson(JsonObject json) {
        return new DictionaryEntry(json.getString("dictionary"), json.getString("code"), json.getString("label"),
                Optional.ofNullable(json.getString("labelEn")), json.getInteger("sortOrder", 0),
                json.getBoolean("enabled", true));
    }
}
