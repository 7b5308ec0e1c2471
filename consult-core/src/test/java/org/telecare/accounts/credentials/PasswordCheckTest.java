package org.telecare.accounts.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.accounts.credentials.PasswordViolation.Code.CONTAINS_LOGIN;
import static org.telecare.accounts.credentials.PasswordViolation.Code.INVALID_CHARACTER;
import static org.telecare.accounts.credentials.PasswordViolation.Code.REUSED;
import static org.telecare.accounts.credentials.PasswordViolation.Code.TOO_FEW_CLASSES;
import static org.telecare.accounts.credentials.PasswordViolation.Code.TOO_LONG;
import static org.telecare.accounts.credentials.PasswordViolation.Code.TOO_SHORT;
import static org.telecare.accounts.credentials.PasswordViolation.Code.WEAK;

class PasswordCheckTest {

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasherTest.FAST);
    private final PasswordCheck check = new PasswordCheck(PasswordPolicy.defaults(), hasher);

    private List<PasswordViolation.Code> codes(String password, String login) {
        return check.check(password == null ? null : password.toCharArray(), login).stream()
                .map(PasswordViolation::code).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tr0ub4dor&3x", "Kx9#mQ2$vLp", "MyCat#Eats7Fish", "Yzw!8kdP2m", "医院会诊Consult2024",
            "correct Horse battery 9", "Jiangsu-Renmin-Yy7"})
    void goodPasswordsPass(String password) {
        assertThat(check.check(password.toCharArray(), "zhangsan")).isEmpty();
    }

    @Test
    void tooShort() {
        assertThat(codes("Ab1!xY2#z", "zhangsan")).containsExactly(TOO_SHORT);
        assertThat(codes("Ab1!xY2#zQ", "zhangsan")).isEmpty();
    }

    @Test
    void emptyAndNullAreTooShortWithoutThrowing() {
        assertThat(codes("", "zhangsan")).containsExactly(TOO_SHORT, TOO_FEW_CLASSES);
        assertThat(codes(null, "zhangsan")).containsExactly(TOO_SHORT, TOO_FEW_CLASSES);
    }

    @Test
    void overlongPasswordsAreOnlyReportedAsTooLong() {
        assertThat(codes("Aa1!" + "x".repeat(125), "zhangsan")).containsExactly(TOO_LONG);
        assertThat(codes("a".repeat(1_000_000), "a")).containsExactly(TOO_LONG);
        assertThat(codes("Kx9#mQ2$vLp".repeat(11).substring(0, 120), "zhangsan")).doesNotContain(TOO_LONG);
    }

    @Test
    void threeOfFourCharacterClasses() {
        assertThat(codes("correcthorsebattery", null)).containsExactly(TOO_FEW_CLASSES);
        assertThat(codes("CorrectHorseBattery", null)).containsExactly(TOO_FEW_CLASSES);
        assertThat(codes("Correcthorse9battery", null)).isEmpty();
        assertThat(codes("correct horse battery 9", null)).isEmpty();
        assertThat(codes("correct-horse-battery", null)).containsExactly(TOO_FEW_CLASSES);
    }

    @Test
    void theLiteralS004RuleWantsLetterDigitAndSymbol() {
        PasswordPolicy d = PasswordPolicy.defaults();
        PasswordPolicy strict = new PasswordPolicy(d.minLength(), d.maxLength(), 3, true, true, true,
                d.historyDepth(), d.maxAge(), d.warnBefore());
        PasswordCheck strictCheck = new PasswordCheck(strict, hasher);
        assertThat(strictCheck.check("Correcthorse9Battery".toCharArray(), null))
                .extracting(PasswordViolation::code).containsExactly(TOO_FEW_CLASSES);
        assertThat(strictCheck.check("correcthorse9battery!".toCharArray(), null)).isEmpty();
        assertThat(check.check("Correcthorse9Battery".toCharArray(), null)).isEmpty();
    }

    @Test
    void loginNameForwardsOrBackwardsIgnoringCase() {
        assertThat(codes("Zhangsan#2024x", "zhangsan")).containsExactly(CONTAINS_LOGIN);
        assertThat(codes("Xy#NASGNAHZ9k", "ZhangSan")).containsExactly(CONTAINS_LOGIN);
        assertThat(codes("Xy#nasgnahZ9k", " zhangsan ")).containsExactly(CONTAINS_LOGIN);
        assertThat(codes("Xy#nasgnahZ9k", "lisi")).isEmpty();
    }

    @Test
    void veryShortLoginsAreNotSearchedFor() {
        assertThat(codes("Kx9#mQ2$vLp", "kx")).isEmpty();
        assertThat(codes("Kx9#mQ2$vLp", "kx9")).containsExactly(CONTAINS_LOGIN);
        assertThat(codes("Kx9#mQ2$vLp", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Password123!", "P@ssw0rd2024", "Woaini1314!!", "Aa123456789!", "Qwer1234!@#$",
            "1qaz@WSX3edc", "!QAZ2wsx#EDC", "Admin@123456", "Abc123Abc123", "Zaq12wsxCde3", "Huawei@123456",
            "5201314Abc!", "Asdfghjkl;12", "Aa1!Aa1!Aa1!", "Telecare2024!", "Yiyuan#888888"})
    void weakPasswords(String password) {
        assertThat(codes(password, "zhangsan")).contains(WEAK);
    }

    @Test
    void controlCharactersAreRefused() {
        assertThat(codes("Good\tPass9!x", null)).containsExactly(INVALID_CHARACTER);
        assertThat(codes("Good\u0000Pass9!x", null)).containsExactly(INVALID_CHARACTER);
    }

    @Test
    void reusedPasswordsWithinTheHistoryDepth() {
        String old = hasher.hash("Tr0ub4dor&3x".toCharArray());
        String other = hasher.hash("Kx9#mQ2$vLp".toCharArray());
        assertThat(check.check("Tr0ub4dor&3x".toCharArray(), "zhangsan", List.of(other, old)))
                .extracting(PasswordViolation::code).containsExactly(REUSED);
        assertThat(check.check("Yzw!8kdP2m".toCharArray(), "zhangsan", List.of(other, old))).isEmpty();

        PasswordPolicy d = PasswordPolicy.defaults();
        PasswordCheck shallow = new PasswordCheck(new PasswordPolicy(d.minLength(), d.maxLength(), 3, false, true,
                true, 1, d.maxAge(), d.warnBefore()), hasher);
        assertThat(shallow.check("Tr0ub4dor&3x".toCharArray(), "zhangsan", List.of(other, old))).isEmpty();
    }

    @Test
    void reuseCheckToleratesMissingAndBrokenHistory() {
        assertThat(check.check("Tr0ub4dor&3x".toCharArray(), "zhangsan", null)).isEmpty();
        assertThat(check.check("Tr0ub4dor&3x".toCharArray(), "zhangsan",
                Arrays.asList(null, "garbage", "$argon2id$v=19$broken"))).isEmpty();
    }

    @Test
    void everyViolationIsReportedInAStableOrder() {
        List<PasswordViolation> all = check.check("abc".toCharArray(), "abc", List.of(hasher.hash("abc".toCharArray())));
        assertThat(all).extracting(PasswordViolation::code)
                .containsExactly(TOO_SHORT, TOO_FEW_CLASSES, CONTAINS_LOGIN, WEAK, REUSED);
        assertThat(all).allSatisfy(v -> {
            assertThat(v.message()).isNotBlank();
            assertThat(v.messageZh()).isNotBlank().matches(".*\\p{IsHan}.*");
        });
        assertThat(all.getFirst().message()).contains("10");
        assertThat(all.getFirst().messageZh()).contains("10");
    }

    @Test
    void theCallersArrayIsNotModified() {
        char[] pw = "Password123!".toCharArray();
        check.check(pw, "zhangsan", List.of(hasher.hash("x-Other-1".toCharArray())));
        assertThat(new String(pw)).isEqualTo("Password123!");
    }

    @Test
    void rulesCanBeSwitchedOff() {
        PasswordPolicy lax = new PasswordPolicy(4, 64, 1, false, false, false, 0, Duration.ofDays(365), Duration.ZERO);
        PasswordCheck laxCheck = new PasswordCheck(lax, hasher);
        assertThat(laxCheck.check("password".toCharArray(), "password", List.of(hasher.hash("password".toCharArray()))))
                .isEmpty();
    }

    @Test
    void policyIsValidated() {
        Duration y = Duration.ofDays(365);
        Duration w = Duration.ofDays(7);
        assertThatThrownBy(() -> new PasswordPolicy(0, 128, 3, false, true, true, 5, y, w)).hasMessageContaining("minLength");
        assertThatThrownBy(() -> new PasswordPolicy(10, 9, 3, false, true, true, 5, y, w)).hasMessageContaining("maxLength");
        assertThatThrownBy(() -> new PasswordPolicy(10, 129, 3, false, true, true, 5, y, w)).hasMessageContaining("maxLength");
        assertThatThrownBy(() -> new PasswordPolicy(10, 128, 5, false, true, true, 5, y, w)).hasMessageContaining("minCharacterClasses");
        assertThatThrownBy(() -> new PasswordPolicy(10, 128, 3, false, true, true, -1, y, w)).hasMessageContaining("historyDepth");
        assertThatThrownBy(() -> new PasswordPolicy(10, 128, 3, false, true, true, 5, Duration.ZERO, w)).hasMessageContaining("maxAge");
        assertThatThrownBy(() -> new PasswordPolicy(10, 128, 3, false, true, true, 5, w, w)).hasMessageContaining("warnBefore");
        assertThatThrownBy(() -> new PasswordPolicy(10, 128, 3, false, true, true, 5, null, w)).isInstanceOf(NullPointerException.class);

        PasswordPolicy d = PasswordPolicy.defaults();
        assertThat(d.minLength()).isEqualTo(10);
        assertThat(d.minCharacterClasses()).isEqualTo(3);
        assertThat(d.historyDepth()).isEqualTo(5);
        assertThat(d.maxAge()).isEqualTo(Duration.ofDays(90));
        assertThat(d.warnBefore()).isEqualTo(Duration.ofDays(7));
    }
}
