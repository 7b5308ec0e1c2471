package org.telecare.accounts.credentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The weak-password check (SEC-1; S004 §九 1.7.3 "提供弱密码检测功能", 1.8 "检测登录弱口令").
 *
 * <p>A password is weak when, ignoring case,
 * <ol>
 *   <li>it is on the list, also after undoing common letter substitutions ({@code P@ssw0rd} is
 *       {@code password});</li>
 *   <li>it is made of listed words, keyboard walks and sequences, with at most a few other digits
 *       and symbols around them ({@code Password123!}, {@code Admin@2024},
 *       {@code Yiyuan#888888}): the usual way people satisfy a complexity rule without adding
 *       any strength;</li>
 *   <li>it is a keyboard walk, sequence or repetition ({@link PredictablePatterns}); or</li>
 *   <li>it is a weak password repeated ({@code abc123abc123}).</li>
 * </ol>
 *
 * <p>The bundled list is {@code weak-passwords.txt} next to this class: one password per line,
 * {@code #} starts a comment; entries shorter than {@value #MIN_ENTRY} characters are ignored
 * (rule 2 would make them match too much). A deployment can pass its own list to {@link #of}.
 *
 * <p>Passwords are looked at as {@code char[]} slices, never turned into Strings, so no copy
 * outlives the check: the list is kept as {@link CharBuffer}s, whose equality and hash code are
 * defined by content and so match a buffer wrapped around a slice of the password.
 */
public final class WeakPasswords {

    static final int MIN_ENTRY = 4;
    /** Digits and symbols allowed around the weak pieces, all together ("123!", "@2024"). */
    static final int MAX_FILLER = 6;
    private static final String RESOURCE = "weak-passwords.txt";
    /** Letters people write as digits or symbols; '1' stands for both i and l, so both are tried. */
    private static final String LEET_FROM = "@430$5!71|";
    private static final String LEET_TO = "aaeossitil";

    private static volatile WeakPasswords bundled;

    private final Set<CharBuffer> entries;
    /** Pieces longer than this cannot be listed words, which bounds the search. */
    private final int longestEntry;

    private WeakPasswords(Set<CharBuffer> entries) {
        this.entries = entries;
        this.longestEntry = entries.stream().mapToInt(CharBuffer::remaining).max().orElse(0);
    }

    /** The list shipped with telecare (loaded once). */
    public static WeakPasswords bundled() {
        WeakPasswords b = bundled;
        if (b == null) {
            try (InputStream in = WeakPasswords.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
                }
                b = load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            bundled = b;
        }
        return b;
    }

    /** A list from the given words (case is ignored, short and blank entries skipped). */
    public static WeakPasswords of(Collection<String> words) {
        Set<CharBuffer> set = new HashSet<>();
        for (String w : words) {
            String t = w == null ? "" : w.strip().toLowerCase(Locale.ROOT);
            if (t.length() >= MIN_ENTRY) {
                set.add(CharBuffer.wrap(t.toCharArray()).asReadOnlyBuffer());
            }
        }
        return new WeakPasswords(Set.copyOf(set));
    }

    /** A list in the format of the bundled file. */
    public static WeakPasswords load(Reader reader) throws IOException {
        List<String> words = new ArrayList<>();
        BufferedReader r = new BufferedReader(reader);
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                words.add(t);
            }
        }
        return of(words);
    }

    public int size() {
        return entries.size();
    }

    /** Whether the password is weak by any of the rules above; null and empty count as weak. */
    public boolean isWeak(char[] password) {
        if (password == null || password.length == 0) {
            return true;
        }
        char[] lower = new char[password.length];
        try {
            for (int i = 0; i < password.length; i++) {
                lower[i] = Character.toLowerCase(password[i]);
            }
            return weak(lower, 0, lower.length);
        } finally {
            Arrays.fill(lower, '\0');
        }
    }

    private boolean weak(char[] s, int from, int to) {
        if (composedOfWeakPieces(s, from, to) || PredictablePatterns.isPredictable(s, from, to)) {
            return true;
        }
        int unit = PredictablePatterns.repeatUnit(s, from, to);
        return unit < to - from && weak(s, from, from + unit);
    }

    /**
     * Rules 1 and 2, generalised: the text is one or more pieces that are each a listed word (at
     * least {@value #MIN_ENTRY} characters) or a keyboard walk, sequence or repeat of at least 3
     * characters, with at most {@value #MAX_FILLER} other digits and symbols before, between or
     * after them. So {@code Password123!} (word, walk, symbol), {@code Admin@2024} (word, then
     * digits and symbols), {@code Yiyuan#888888} (word, symbol, repeat), {@code 5201314Abc!}
     * and {@code DragonMonkey} are weak, while a listed word with random letters around it, or
     * with a long random tail of digits and symbols, is not.
     *
     * <p>A dynamic programme over the positions: {@code withPiece[j]} is the least number of
     * filler characters with which {@code text[from, from + j)} splits into pieces and filler with
     * at least one piece.
     */
    private boolean composedOfWeakPieces(char[] s, int from, int to) {
        int n = to - from;
        // runEnd[i]: the end of the longest stretch from i in which each character follows the previous one.
        int[] runEnd = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            runEnd[i] = i + 1 < n && PredictablePatterns.follows(
                    PredictablePatterns.unshift(s[from + i]), PredictablePatterns.unshift(s[from + i + 1]))
                    ? runEnd[i + 1] : i + 1;
        }
        int unreachable = Integer.MAX_VALUE / 2;
        int[] withPiece = new int[n + 1];
        Arrays.fill(withPiece, unreachable);
        int fillerOnly = 0; // filler count of text[from, from + i) when it is all filler, else unreachable
        for (int i = 0; i < n; i++) {
            int best = Math.min(fillerOnly, withPiece[i]);
            if (best > MAX_FILLER) {
                fillerOnly = isLetter(s[from + i]) ? unreachable : fillerOnly + 1;
                continue;
            }
            int longest = Math.min(n, i + Math.max(runEnd[i] - i, longestEntry));
            for (int j = i + 3; j <= longest; j++) {
                if (withPiece[j] > best && (j <= runEnd[i] || (j - i >= MIN_ENTRY && listed(s, from + i, from + j)))) {
                    withPiece[j] = best;
                }
            }
            if (!isLetter(s[from + i]) && withPiece[i] + 1 < withPiece[i + 1]) {
                withPiece[i + 1] = withPiece[i] + 1;
            }
            fillerOnly = isLetter(s[from + i]) ? unreachable : fillerOnly + 1;
        }
        return withPiece[n] <= MAX_FILLER;
    }

    private boolean listed(char[] s, int from, int to) {
        if (entries.contains(CharBuffer.wrap(s, from, to - from))) {
            return true;
        }
        char[] plain = new char[to - from];
        try {
            boolean changed = false;
            boolean hasOne = false;
            for (int i = from; i < to; i++) {
                int k = LEET_FROM.indexOf(s[i]);
                plain[i - from] = k < 0 ? s[i] : LEET_TO.charAt(k);
                changed |= k >= 0;
                hasOne |= s[i] == '1';
            }
            if (changed && entries.contains(CharBuffer.wrap(plain))) {
                return true;
            }
            if (hasOne) {
                for (int i = from; i < to; i++) {
                    if (s[i] == '1') {
                        plain[i - from] = 'l';
                    }
                }
                return entries.contains(CharBuffer.wrap(plain));
            }
            return false;
        } finally {
            Arrays.fill(plain, '\0');
        }
    }

    /** Letters stop the affix stripping; digits, symbols and spaces are stripped. */
    private static boolean isLetter(char c) {
        return Character.isLetter(c);
    }

    @Override
    public String toString() {
        return "WeakPasswords[" + entries.size() + " entries]";
    }
}
