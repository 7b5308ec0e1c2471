package org.telecare.accounts.sensitive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseIdCardTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void checkCharacterMatchesIndependentComputationForManyNumbers() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String first17 = String.format("99%04d19%02d%02d%02d%03d", i % 10000, 50 + i % 50, 1 + i % 12, 1 + i % 28, i % 1000);
            char c = ChineseIdCard.checkCharacter(first17);
            assertThat(c).as(first17).isEqualTo(IdCardSamples.check(first17));
            seen.add(c);
        }
        assertThat(seen).as("every check character occurs").hasSize(11);
    }

    @Test
    void handWorkedCheckCharacter() {
        // Worked by hand on a synthetic number: sum of digit x weight = 302, 302 mod 11 = 5 -> '7'.
        assertThat(ChineseIdCard.checkCharacter("99010119900307123")).isEqualTo('7');
    }

    @Test
    void parsesValidEighteen() {
        String number = IdCardSamples.valid("19900307", "123");
        ChineseIdCard card = ChineseIdCard.parse(number, TODAY);
        assertThat(card.number()).isEqualTo(number);
        assertThat(card.birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
        assertThat(card.sex()).isEqualTo(Sex.MALE);
        assertThat(card.legacy()).isFalse();
        assertThat(card.regionCode()).isEqualTo("990101");
        assertThat(card.ageOn(TODAY)).isEqualTo(36);
        assertThat(card.toEighteen()).isEqualTo(number);
    }

    @ParameterizedTest
    @CsvSource({"120, FEMALE", "121, MALE", "002, FEMALE", "999, MALE"})
    void sexFromSeventeenthDigit(String sequence, Sex sex) {
        assertThat(ChineseIdCard.parse(IdCardSamples.valid("20000229", sequence), TODAY).sex()).isEqualTo(sex);
    }

    @Test
    void lowerCaseXFullWidthAndSpacesAreNormalised() {
        String number = findWithCheckX();
        assertThat(number).endsWith("X");
        String lower = number.substring(0, 17) + "x";
        assertThat(ChineseIdCard.parse(" " + lower + " ", TODAY).number()).isEqualTo(number);
        StringBuilder fullWidth = new StringBuilder();
        number.chars().forEach(c -> fullWidth.append(c == 'X' ? 'Ｘ' : (char) ('０' + (c - '0'))));
        assertThat(ChineseIdCard.parse(fullWidth.toString(), TODAY).number()).isEqualTo(number);
        String spaced = number.substring(0, 6) + " " + number.substring(6, 14) + " " + number.substring(14);
        assertThat(ChineseIdCard.isValid(spaced)).isTrue();
    }

    private static String findWithCheckX() {
        for (int seq = 0; seq < 1000; seq++) {
            String n = IdCardSamples.valid("19851120", String.format("%03d", seq));
            if (n.endsWith("X")) {
                return n;
            }
        }
        throw new AssertionError("no X check character found");
    }

    @Test
    void wrongChecksumIsRejected() {
        for (int seq = 0; seq < 50; seq++) {
            String valid = IdCardSamples.valid("19900307", String.format("%03d", seq));
            assertThat(ChineseIdCard.problem(IdCardSamples.wrongCheck(valid), TODAY))
                    .contains(ChineseIdCard.Problem.BAD_CHECKSUM);
        }
    }

    @Test
    void singleDigitTypoIsCaught() {
        String valid = IdCardSamples.valid("19900307", "456");
        for (int i = 0; i < 17; i++) {
            char[] c = valid.toCharArray();
            c[i] = (char) ('0' + (c[i] - '0' + 1) % 10);
            String typo = new String(c);
            assertThat(ChineseIdCard.isValid(typo)).as("position %d", i).isFalse();
        }
    }

    @Test
    void impossibleAndFutureDates() {
        assertThat(ChineseIdCard.problem(IdCardSamples.valid("19900230", "123"), TODAY))
                .contains(ChineseIdCard.Problem.BAD_BIRTH_DATE);
        assertThat(ChineseIdCard.problem(IdCardSamples.valid("19901301", "123"), TODAY))
                .contains(ChineseIdCard.Problem.BAD_BIRTH_DATE);
        assertThat(ChineseIdCard.problem(IdCardSamples.valid("19010229", "123"), TODAY))
                .contains(ChineseIdCard.Problem.BAD_BIRTH_DATE);
        assertThat(ChineseIdCard.problem(IdCardSamples.valid("17991231", "123"), TODAY))
                .contains(ChineseIdCard.Problem.BAD_BIRTH_DATE);
        assertThat(ChineseIdCard.problem(IdCardSamples.valid("20261123", "123"), TODAY))
                .contains(ChineseIdCard.Problem.FUTURE_BIRTH_DATE);
        assertThat(ChineseIdCard.problem(IdCardSamples.valid("20261122", "123"), TODAY)).isEmpty();
        assertThat(ChineseIdCard.problem(IdCardSamples.valid("20000229", "123"), TODAY)).isEmpty();
    }

    @Test
    void shapeProblems() {
        assertThat(ChineseIdCard.problem(null, TODAY)).contains(ChineseIdCard.Problem.EMPTY);
        assertThat(ChineseIdCard.problem("  ", TODAY)).contains(ChineseIdCard.Problem.EMPTY);
        assertThat(ChineseIdCard.problem("12345", TODAY)).contains(ChineseIdCard.Problem.BAD_LENGTH);
        assertThat(ChineseIdCard.problem("99010119900307123X9", TODAY)).contains(ChineseIdCard.Problem.BAD_LENGTH);
        assertThat(ChineseIdCard.problem("99010119X003071234", TODAY)).contains(ChineseIdCard.Problem.BAD_CHARACTERS);
        assertThat(ChineseIdCard.problem("9901011990030712A4", TODAY)).contains(ChineseIdCard.Problem.BAD_CHARACTERS);
        assertThat(ChineseIdCard.problem("99010119900307123Y", TODAY)).contains(ChineseIdCard.Problem.BAD_CHARACTERS);
        assertThat(ChineseIdCard.problem("张三张三张三张三张三张三张三张三张三", TODAY)).contains(ChineseIdCard.Problem.BAD_CHARACTERS);
        assertThat(ChineseIdCard.problem(IdCardSamples.valid("090101", "19900307", "123"), TODAY))
                .contains(ChineseIdCard.Problem.BAD_REGION);
    }

    @Test
    void parseThrowsWithProblemButWithoutTheNumber() {
        String bad = IdCardSamples.wrongCheck(IdCardSamples.valid("19900307", "123"));
        assertThatThrownBy(() -> ChineseIdCard.parse(bad, TODAY))
                .isInstanceOfSatisfying(ChineseIdCard.InvalidIdCardException.class,
                        e -> assertThat(e.problem()).isEqualTo(ChineseIdCard.Problem.BAD_CHECKSUM))
                .hasMessageNotContaining(bad).hasMessageNotContaining(bad.substring(6, 14));
        assertThat(ChineseIdCard.tryParse(bad, TODAY)).isEmpty();
    }

    @Test
    void legacyFifteenDigitsAcceptedButFlagged() {
        ChineseIdCard card = ChineseIdCard.parse("990101850615123", TODAY);
        assertThat(card.legacy()).isTrue();
        assertThat(card.birthDate()).isEqualTo(LocalDate.of(1985, 6, 15));
        assertThat(card.sex()).isEqualTo(Sex.MALE);
        assertThat(card.toEighteen()).isEqualTo(IdCardSamples.valid("19850615", "123"));
        assertThat(ChineseIdCard.parse(card.toEighteen(), TODAY).legacy()).isFalse();
        assertThat(ChineseIdCard.parse("990101850615124", TODAY).sex()).isEqualTo(Sex.FEMALE);
        assertThat(ChineseIdCard.problem("990101850230123", TODAY)).contains(ChineseIdCard.Problem.BAD_BIRTH_DATE);
        assertThat(ChineseIdCard.problem("99010185061512X", TODAY)).contains(ChineseIdCard.Problem.BAD_CHARACTERS);
    }

    @Test
    void toStringIsMasked() {
        String number = IdCardSamples.valid("19900307", "123");
        assertThat(ChineseIdCard.parse(number, TODAY).toString())
                .doesNotContain(number).doesNotContain("19900307").contains("990101********");
    }

    @Test
    void checkCharacterRejectsBadInput() {
        assertThatThrownBy(() -> ChineseIdCard.checkCharacter("123")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChineseIdCard.checkCharacter("1234567890123456A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChineseIdCard.checkCharacter(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultTodayOverloadsWork() {
        String number = IdCardSamples.valid("19900307", "123");
        assertThat(ChineseIdCard.isValid(number)).isTrue();
        assertThat(ChineseIdCard.tryParse(number)).isPresent();
        assertThat(ChineseIdCard.parse(number).number()).isEqualTo(number);
        assertThat(ChineseIdCard.isValid(IdCardSamples.valid("29990101", "123"))).isFalse();
    }
}
