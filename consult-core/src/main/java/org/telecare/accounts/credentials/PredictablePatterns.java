package org.telecare.accounts.credentials;

/**
 * Algorithmic weak-password detection (S004 §九 1.7.3, 1.8): keyboard walks, alphabetic and
 * numeric sequences and repetitions, which no list can enumerate (qwer1234!@#$, 1qaz2wsx3edc,
 * 147258369, zaq12wsx, Aa1!Aa1!Aa1!).
 *
 * <p>The text is split into runs in which every character follows the previous one "predictably":
 * the same character, the next or previous letter or digit, or a neighbouring key on a US QWERTY
 * keyboard (the layout Chinese keyboards use) or on the numeric keypad. Shifted symbols count as
 * their key ({@code !} is {@code 1}), so {@code !@#$} is the walk {@code 1234}. A text whose runs
 * average three or more characters is a pattern: a random 10-character password has runs of about
 * one character, while a walk or sequence is one long run. A text that is a short unit (up to 4
 * characters) repeated is a pattern too.
 *
 * <p>All methods take lower-case text.
 */
final class PredictablePatterns {

    /** Shifted symbols (US layout) and the unshifted key they are on. */
    private static final String SHIFTED = "~!@#$%^&*()_+{}|:\"<>?";
    private static final String UNSHIFTED = "`1234567890-=[]\\;',./";

    /**
     * Key rows and their horizontal offset in quarter key widths: the rows of a keyboard are
     * staggered, so "1" sits above-left of "q", and "q" above-left of "a".
     */
    private static final String[] ROWS = {"`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"};
    private static final int[] ROW_OFFSET = {0, 6, 7, 9};
    /** The numeric keypad, where 147/258/369 and 789/456/123 are walks. */
    private static final String[] KEYPAD = {"789", "456", "123", "0"};

    private static final int[] KEY_ROW = new int[128];
    private static final int[] KEY_X = new int[128];
    private static final int[] PAD_ROW = new int[128];
    private static final int[] PAD_COL = new int[128];

    static {
        java.util.Arrays.fill(KEY_ROW, -1);
        java.util.Arrays.fill(PAD_ROW, -1);
        for (int r = 0; r < ROWS.length; r++) {
            for (int c = 0; c < ROWS[r].length(); c++) {
                char k = ROWS[r].charAt(c);
                KEY_ROW[k] = r;
                KEY_X[k] = 4 * c + ROW_OFFSET[r];
            }
        }
        for (int r = 0; r < KEYPAD.length; r++) {
            for (int c = 0; c < KEYPAD[r].length(); c++) {
                char k = KEYPAD[r].charAt(c);
                PAD_ROW[k] = r;
                PAD_COL[k] = c;
            }
        }
    }

    private PredictablePatterns() {
    }

    /** Whether {@code text[from, to)} is a keyboard walk, sequence or repetition. */
    static boolean isPredictable(char[] text, int from, int to) {
        int n = to - from;
        if (n < 3) {
            return false;
        }
        int runs = 1;
        for (int i = from + 1; i < to; i++) {
            if (!follows(unshift(text[i - 1]), unshift(text[i]))) {
                runs++;
            }
        }
        if (runs * 3 <= n) {
            return true;
        }
        int unit = repeatUnit(text, from, to);
        return unit <= 4 && unit < n;
    }

    /**
     * The length of the shortest unit that {@code text[from, to)} repeats ("abcabc" → 3); the whole
     * length when it is no repetition.
     */
    static int repeatUnit(char[] text, int from, int to) {
        int n = to - from;
        for (int unit = 1; unit <= n / 2; unit++) {
            if (n % unit != 0) {
                continue;
            }
            boolean repeats = true;
            for (int i = from + unit; i < to && repeats; i++) {
                repeats = text[i] == text[i - unit];
            }
            if (repeats) {
                return unit;
            }
        }
        return n;
    }

    /** Whether b is a predictable successor of a (same, sequence neighbour, key neighbour). */
    static boolean follows(char a, char b) {
        if (a == b) {
            return true;
        }
        if (Math.abs(a - b) == 1 && (bothIn(a, b, 'a', 'z') || bothIn(a, b, '0', '9'))) {
            return true;
        }
        if (a >= 128 || b >= 128) {
            return false;
        }
        if (KEY_ROW[a] >= 0 && KEY_ROW[b] >= 0) {
            int dr = Math.abs(KEY_ROW[a] - KEY_ROW[b]);
            int dx = Math.abs(KEY_X[a] - KEY_X[b]);
            // Same row: the key beside it. Adjacent rows: the two keys touching it above or below.
            if ((dr == 0 && dx == 4) || (dr == 1 && dx <= 3)) {
                return true;
            }
        }
        if (PAD_ROW[a] >= 0 && PAD_ROW[b] >= 0) {
            int dr = Math.abs(PAD_ROW[a] - PAD_ROW[b]);
            int dc = Math.abs(PAD_COL[a] - PAD_COL[b]);
            return dr + dc == 1;
        }
        return false;
    }

    private static boolean bothIn(char a, char b, char lo, char hi) {
        return a >= lo && a <= hi && b >= lo && b <= hi;
    }

    static char unshift(char c) {
        int i = SHIFTED.indexOf(c);
        return i < 0 ? c : UNSHIFTED.charAt(i);
    }
}
