package org.telecare.accounts.sensitive;

/**
 * Synthetic ID-card numbers for tests. The address codes start with 99, which is no province, so
 * these can never be real people's numbers. The check character is computed here independently
 * of the production code (GB 11643-1999).
 */
final class IdCardSamples {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdCardSamples() {}

    static char check(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += Character.digit(first17.charAt(i), 10) * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** A valid 18-character number: region 99xxxx, birth yyyymmdd, 3-digit sequence. */
    static String valid(String region, String birth, String sequence) {
        String first17 = region + birth + sequence;
        return first17 + check(first17);
    }

    static String valid(String birth, String sequence) {
        return valid("990101", birth, sequence);
    }

    /** The same number with a different (wrong) check character. */
    static String wrongCheck(String valid) {
        char right = valid.charAt(17);
        char wrong = right == '0' ? '1' : '0';
        return valid.substring(0, 17) + wrong;
    }
}
