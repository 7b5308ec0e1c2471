package org.telecare.accounts.sensitive;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalisation and validation of mainland China phone numbers.
 *
 * <p>Input is first NFKC-normalised (full-width digits and {@code ＋} from Chinese input methods
 * become ASCII), then spaces, dashes, dots and parentheses are removed.
 *
 * <ul>
 *   <li>Mobile: {@code 1[3-9]} followed by 9 digits, optionally prefixed by {@code +86},
 *       {@code 0086} or {@code 86}; normalised to the bare 11 digits.</li>
 *   <li>Landline (loose): an area code {@code 0} + 2–3 digits and a 7–8 digit subscriber number
 *       (10–12 digits in all), a bare 7–8 digit local number, or a 10-digit {@code 400}/{@code 800}
 *       service number; optionally with {@code +86}/{@code 0086} before the area code (its
 *       leading 0 dropped, as dialled from abroad). Extensions are not accepted. Normalised to
 *       digits only, with the leading 0 of the area code.</li>
 * </ul>
 */
public final class PhoneNumbers {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()（）\u2010-\u2015]");
    private static final Pattern MOBILE = Pattern.compile("(?:\\+86|0086|86)?(1[3-9]\\d{9})");
    private static final Pattern INTERNATIONAL = Pattern.compile("(?:\\+86|0086)(\\d+)");
    private static final Pattern LANDLINE_WITH_AREA = Pattern.compile("0[1-9]\\d{8,10}");
    private static final Pattern LOCAL = Pattern.compile("[2-9]\\d{6,7}");
    private static final Pattern SERVICE = Pattern.compile("[48]00\\d{7}");

    private PhoneNumbers() {}

    /** NFKC, then spaces, dashes, dots and parentheses removed; {@code ""} for null. */
    public static String stripSeparators(String input) {
        if (input == null) {
            return "";
        }
        return SEPARATORS.matcher(Normalizer.normalize(input, Normalizer.Form.NFKC)).replaceAll("");
    }

    /** The 11-digit mainland mobile number, or empty if the input is not one. */
    public static Optional<String> normaliseMobile(String input) {
        Matcher m = MOBILE.matcher(stripSeparators(input));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static boolean isMobile(String input) {
        return normaliseMobile(input).isPresent();
    }

    /** The landline or service number as digits (area code with its 0), or empty (loose check). */
    public static Optional<String> normaliseLandline(String input) {
        String s = stripSeparators(input);
        if (MOBILE.matcher(s).matches()) {
            return Optional.empty();
        }
        Matcher intl = INTERNATIONAL.matcher(s);
        if (intl.matches()) {
            s = "0" + intl.group(1);
            if (SERVICE.matcher(intl.group(1)).matches()) {
                s = intl.group(1);
            }
        }
        if (LANDLINE_WITH_AREA.matcher(s).matches() || LOCAL.matcher(s).matches()
                || SERVICE.matcher(s).matches()) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    public static boolean isLandline(String input) {
        return normaliseLandline(input).isPresent();
    }

    /** A mobile or landline number in normalised form, or empty. */
    public static Optional<String> normalise(String input) {
        Optional<String> mobile = normaliseMobile(input);
        return mobile.isPresent() ? mobile : normaliseLandline(input);
    }

    public static boolean isValid(String input) {
        return normalise(input).isPresent();
    }
}
