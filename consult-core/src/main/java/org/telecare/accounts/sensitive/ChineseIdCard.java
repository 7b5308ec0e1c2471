package org.telecare.accounts.sensitive;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated Chinese resident identity card number (公民身份号码, GB 11643-1999), so hospitals can
 * cross-check a patient's stated birth date and sex against the number.
 *
 * <p>18-character form: 6-digit address code, 8-digit birth date {@code YYYYMMDD}, 3-digit
 * sequence (odd = male), check character. The check character is
 * {@code "10X98765432".charAt(Σ digit[i] × weight[i] mod 11)} with weights
 * {@code 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2}.
 *
 * <p>The 15-digit legacy form (before 1999: 6-digit address, {@code YYMMDD} read as 19YY, 3-digit
 * sequence, no check character) is accepted but {@linkplain #legacy() flagged};
 * {@link #toEighteen()} gives the 18-character equivalent.
 *
 * <p>Input is NFKC-normalised (full-width digits and {@code Ｘ}), trimmed, inner spaces removed and
 * a lower-case {@code x} upper-cased. The address code is only checked to be digits not starting
 * with 0 (region tables change; residence permits for Hong Kong, Macau and Taiwan residents use
 * 81/82/83). The birth date must be a real date, not after today and not before 1800.
 *
 * <p>{@link #toString()} is masked; use {@link #number()} for the full number.
 *
 * @param number the normalised number (15 or 18 characters)
 * @param birthDate the birth date encoded in it
 * @param sex the sex encoded in it
 * @param legacy whether it is the 15-digit legacy form
 */
public record ChineseIdCard(String number, LocalDate birthDate, Sex sex, boolean legacy) {

    /** Why a string is not a valid ID-card number. */
    public enum Problem {
        EMPTY("ID-card number is empty"),
        BAD_LENGTH("ID-card number must have 18 characters (or 15 digits for the legacy form)"),
        BAD_CHARACTERS("ID-card number must be digits, with X allowed only as the last character"),
        BAD_REGION("ID-card number address code must not start with 0"),
        BAD_BIRTH_DATE("ID-card number contains an impossible birth date"),
        FUTURE_BIRTH_DATE("ID-card number contains a birth date in the future"),
        BAD_CHECKSUM("ID-card number check character does not match (mistyped?)");

        private final String message;

        Problem(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** Thrown by {@link #parse}; the message never contains the number. */
    public static final class InvalidIdCardException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        InvalidIdCardException(Problem problem) {
            super(problem.message());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static final String CHECK_CHARS = "10X98765432";
    /** Birth dates are judged against the calendar in China. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final LocalDate EARLIEST = LocalDate.of(1800, 1, 1);
    private static final Pattern EIGHTEEN = Pattern.compile("\\d{17}[\\dX]");
    private static final Pattern FIFTEEN = Pattern.compile("\\d{15}");

    public ChineseIdCard {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(sex, "sex");
    }

    /** Parses and validates, judging "future" against today's date in China. */
    public static ChineseIdCard parse(String input) {
        return parse(input, LocalDate.now(CHINA));
    }

    /**
     * Parses and validates.
     *
     * @param today the current date, for rejecting future birth dates
     * @throws InvalidIdCardException with the {@link Problem}
     */
    public static ChineseIdCard parse(String input, LocalDate today) {
        Object r = check(input, today);
        if (r instanceof Problem p) {
            throw new InvalidIdCardException(p);
        }
        return (ChineseIdCard) r;
    }

    /** The parsed number, or empty if invalid. */
    public static Optional<ChineseIdCard> tryParse(String input) {
        return tryParse(input, LocalDate.now(CHINA));
    }

    public static Optional<ChineseIdCard> tryParse(String input, LocalDate today) {
        return check(input, today) instanceof ChineseIdCard c ? Optional.of(c) : Optional.empty();
    }

    /** The problem with the input, or empty if it is a valid number. */
    public static Optional<Problem> problem(String input, LocalDate today) {
        return check(input, today) instanceof Problem p ? Optional.of(p) : Optional.empty();
    }

    /** Whether the input is a valid 18- or 15-character number. */
    public static boolean isValid(String input) {
        return tryParse(input).isPresent();
    }

    /** NFKC, whitespace removed, upper-cased: the canonical form used for parsing and indexing. */
    public static String normalise(String input) {
        if (input == null) {
            return "";
        }
        return Normalizer.normalize(input, Normalizer.Form.NFKC).replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The check character for the first 17 digits.
     *
     * @throws IllegalArgumentException unless exactly 17 ASCII digits
     */
    public static char checkCharacter(CharSequence first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("need exactly 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("need exactly 17 digits");
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    private static Object check(String input, LocalDate today) {
        String s = normalise(input);
        if (s.isEmpty()) {
            return Problem.EMPTY;
        }
        if (s.length() != 18 && s.length() != 15) {
            return Problem.BAD_LENGTH;
        }
        boolean legacy = s.length() == 15;
        if (!(legacy ? FIFTEEN : EIGHTEEN).matcher(s).matches()) {
            return Problem.BAD_CHARACTERS;
        }
        if (s.charAt(0) == '0') {
            return Problem.BAD_REGION;
        }
        LocalDate birth;
        try {
            birth = legacy
                    ? LocalDate.of(1900 + num(s, 6, 8), num(s, 8, 10), num(s, 10, 12))
                    : LocalDate.of(num(s, 6, 10), num(s, 10, 12), num(s, 12, 14));
        } catch (DateTimeException e) {
            return Problem.BAD_BIRTH_DATE;
        }
        if (birth.isBefore(EARLIEST)) {
            return Problem.BAD_BIRTH_DATE;
        }
        if (birth.isAfter(today)) {
            return Problem.FUTURE_BIRTH_DATE;
        }
        if (!legacy && checkCharacter(s.substring(0, 17)) != s.charAt(17)) {
            return Problem.BAD_CHECKSUM;
        }
        int sequenceLast = s.charAt(legacy ? 14 : 16) - '0';
        return new ChineseIdCard(s, birth, sequenceLast % 2 == 1 ? Sex.MALE : Sex.FEMALE, legacy);
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    /** The 6-digit administrative division code of the place of first registration. */
    public String regionCode() {
        return number.substring(0, 6);
    }

    /** Age in whole years on the given date. */
    public int ageOn(LocalDate date) {
        return Period.between(birthDate, date).getYears();
    }

    /** The 18-character form: this number itself, or the legacy number upgraded (19YY, check character added). */
    public String toEighteen() {
        if (!legacy) {
            return number;
        }
        String first17 = number.substring(0, 6) + "19" + number.substring(6, 15);
        return first17 + checkCharacter(first17);
    }

    @Override
    public String toString() {
        return "ChineseIdCard[" + Masking.idCard(number) + (legacy ? ", legacy" : "") + "]";
    }
}
