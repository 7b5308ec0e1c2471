package org.telecare.accounts.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "13800138000|13800138000",
        "138 0013 8000|13800138000",
        "138-0013-8000|13800138000",
        "+86 138 0013 8000|13800138000",
        "+8613800138000|13800138000",
        "0086-138-0013-8000|13800138000",
        "8613800138000|13800138000",
        "(+86) 19912345678|19912345678",
        "１３８００１３８０００|13800138000",
        "  13800138000\t|13800138000"
    })
    void mobileNormalisation(String input, String expected) {
        assertThat(PhoneNumbers.normaliseMobile(input)).contains(expected);
        assertThat(PhoneNumbers.isMobile(input)).isTrue();
        assertThat(PhoneNumbers.normalise(input)).contains(expected);
        assertThat(PhoneNumbers.isLandline(input)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12800138000", "1380013800", "138001380000", "23800138000", "+1 13800138000",
        "138OO138000", "abc", "138 0013 800０x", "+86", "一三八"})
    void notMobile(String input) {
        assertThat(PhoneNumbers.isMobile(input)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "010-12345678|01012345678",
        "(0571) 8723 6114|057187236114",
        "0755-1234567|07551234567",
        "+86 10 12345678|01012345678",
        "0086-571-87236114|057187236114",
        "87236114|87236114",
        "400-123-4567|4001234567",
        "+86 400 123 4567|4001234567"
    })
    void landlines(String input, String expected) {
        assertThat(PhoneNumbers.normaliseLandline(input)).contains(expected);
        assertThat(PhoneNumbers.isValid(input)).isTrue();
        assertThat(PhoneNumbers.isMobile(input)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12345", "0123", "010-123", "0571-87236114转801", "0101234567890", "tel:010"})
    void notLandline(String input) {
        assertThat(PhoneNumbers.isLandline(input)).isFalse();
    }

    @Test
    void stripSeparators() {
        assertThat(PhoneNumbers.stripSeparators(null)).isEmpty();
        assertThat(PhoneNumbers.stripSeparators(" (010) 1234-5678 ")).isEqualTo("01012345678");
        assertThat(PhoneNumbers.stripSeparators("（010）1234—5678")).isEqualTo("01012345678");
    }
}
