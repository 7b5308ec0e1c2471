package org.telecare.accounts.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WeakPasswordsTest {

    private final WeakPasswords weak = WeakPasswords.bundled();

    private boolean isWeak(String s) {
        return weak.isWeak(s.toCharArray());
    }

    @Test
    void everyBundledEntryIsWeakInAnyCase() throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                WeakPasswords.class.getResourceAsStream("weak-passwords.txt"), StandardCharsets.UTF_8))) {
            List<String> entries = r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertThat(entries).hasSizeGreaterThan(300);
            assertThat(weak.size()).isGreaterThan(300);
            for (String e : entries) {
                assertThat(isWeak(e)).as(e).isTrue();
                assertThat(isWeak(e.toUpperCase())).as(e.toUpperCase()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"woaini1314", "WoAiNi1314", "5201314", "Aa123456", "abc123456", "P@ssw0rd", "p@55w0rd",
            "Pa$$w0rd", "passw0rd", "1qaz2wsx", "qwertyuiop"})
    void listedPasswordsAndVariants(String password) {
        assertThat(isWeak(password)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Password123!", "password2024", "!!Password", "Admin@2024", "Woaini1314!!", "Monkey#88",
            "P@ssw0rd!23", "Hospital@123", "5201314Abc!", "DragonMonkey", "Iloveyou520", "Qwerty@2024", "Admin1234Abcd", "Yiyuan#888888", "Doctor!2025#"})
    void weakWordsWithDigitsSymbolsOrOtherWeakPieces(String password) {
        assertThat(isWeak(password)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwertyuiop", "QWERTYUIOP", "asdfghjkl;", "zxcvbnm,./", "1qaz2wsx3edc", "zaq12wsxcde3",
            "1q2w3e4r5t6y", "!QAZ@WSX#EDC", "147258369", "789456123", "aaaaaaaaaa", "1111111111", "abcdefghij",
            "9876543210", "!@#$%^&*()", "qwer1234!@#$", "abcabcabcabc", "Aa1!Aa1!Aa1!", "ababababab", "zyxwvutsrq",
            "Aa1234567890", "Qaz123wsx456"})
    void keyboardWalksSequencesAndRepeats(String password) {
        assertThat(isWeak(password)).isTrue();
    }

    @Test
    void weakPasswordsRepeatedAreWeak() {
        assertThat(isWeak("Abc123Abc123")).isTrue();
        assertThat(isWeak("woaini1314woaini1314")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tr0ub4dor&3x", "Kx9#mQ2$vLp", "MyCat#Eats7Fish", "Yzw!8kdP2m", "correct horse battery 9",
            "Jiangsu-Renmin-Yy7", "xPasswordq9!", "Qwe%8#1$6^2z", "Admin%8#1$6^2k0", "医院会诊Consult2024", "Hx3;Vp8!kQ"})
    void strongPasswordsAreNotWeak(String password) {
        assertThat(isWeak(password)).isFalse();
    }

    @Test
    void aLongRandomTailIsNotTreatedAsFiller() {
        assertThat(isWeak("Password!7#2")).isTrue();
        assertThat(isWeak("Password!7#2$9^4")).isFalse();
    }

    @Test
    void randomPasswordsAreRarelyFlagged() {
        Random random = new Random(42);
        String printable = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*()-_=+[]{};:,.<>/?";
        int flagged = 0;
        int trials = 20_000;
        for (int t = 0; t < trials; t++) {
            char[] pw = new char[12];
            for (int i = 0; i < pw.length; i++) {
                pw[i] = printable.charAt(random.nextInt(printable.length()));
            }
            if (weak.isWeak(pw)) {
                flagged++;
            }
        }
        assertThat(flagged).as("random 12-character passwords flagged weak").isLessThan(trials / 200);
    }

    @Test
    void nullAndEmptyAreWeak() {
        assertThat(weak.isWeak(null)).isTrue();
        assertThat(weak.isWeak(new char[0])).isTrue();
    }

    @Test
    void hugeInputStaysFast() {
        char[] pw = "1!".repeat(64).toCharArray();
        long t = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            weak.isWeak(pw);
            weak.isWeak("Ab3$".repeat(32).toCharArray());
        }
        assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void customListsIgnoreCaseCommentsAndShortEntries() throws IOException {
        WeakPasswords custom = WeakPasswords.load(new StringReader("# comment\n  Renmin  \nabc\n\nYIYUAN2024\n"));
        assertThat(custom.size()).isEqualTo(2);
        assertThat(custom.isWeak("RENMIN".toCharArray())).isTrue();
        assertThat(custom.isWeak("renmin#2024".toCharArray())).isTrue();
        assertThat(custom.isWeak("yiyuan2024".toCharArray())).isTrue();
        assertThat(custom.isWeak("abc".toCharArray())).isTrue(); // a 3-character sequence, not the list
        assertThat(custom.isWeak("Abx#99kQzT".toCharArray())).isFalse();
        assertThat(WeakPasswords.of(List.of()).isWeak("Password123!".toCharArray())).isFalse();
    }

    @Test
    void theCallersArrayIsNotModified() {
        char[] pw = "Password123!".toCharArray();
        weak.isWeak(pw);
        assertThat(new String(pw)).isEqualTo("Password123!");
    }

    @Test
    void keyboardNeighbours() {
        assertThat(PredictablePatterns.follows('1', 'q')).isTrue();
        assertThat(PredictablePatterns.follows('q', 'a')).isTrue();
        assertThat(PredictablePatterns.follows('a', 'z')).isTrue();
        assertThat(PredictablePatterns.follows('w', 'a')).isTrue();
        assertThat(PredictablePatterns.follows('z', '2')).isFalse();
        assertThat(PredictablePatterns.follows('q', 's')).isFalse();
        assertThat(PredictablePatterns.follows('a', 'b')).isTrue();
        assertThat(PredictablePatterns.follows('1', '4')).isTrue(); // keypad
        assertThat(PredictablePatterns.follows('x', '汉')).isFalse();
        assertThat(PredictablePatterns.unshift('@')).isEqualTo('2');
        assertThat(PredictablePatterns.repeatUnit("abcabc".toCharArray(), 0, 6)).isEqualTo(3);
        assertThat(PredictablePatterns.repeatUnit("abcab".toCharArray(), 0, 5)).isEqualTo(5);
    }
}
