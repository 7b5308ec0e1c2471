package org.telecare.accounts.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MaskingTest {

    private static final String[] ODD = {
        null, "", " ", "1", "12", "abc", "张", "😀", "\u0000", "\n\t", "1234567890123456789012345678901234567890",
        "😀😀😀😀😀😀😀😀😀😀", "a@", "@b", "@", "13800138000x", "<script>alert(1)</script>", "\uD800"
    };

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "110101199003071234|110101********1234",
        "11010119900307123X|110101********123X",
        "11010119900307123x|110101********123X",
        " 110101 19900307 1234 |110101********1234",
        "１１０１０１１９９００３０７１２３４|110101********1234",
        "110101900307123|110101******123",
        "1101011990030712|******************",
        "11010119900307123A|******************",
        "abcdefghijklmnopqr|******************",
        "''|******************",
        "NULL|******************",
        "张三|******************"
    })
    void idCard(String input, String expected) {
        assertThat(Masking.idCard(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "13812345678|138****5678",
        "138 1234 5678|138****5678",
        "+86 138-1234-5678|138****5678",
        "+8613812345678|138****5678",
        "0086 13812345678|138****5678",
        "１３８１２３４５６７８|138****5678",
        "010-12345678|*******5678",
        "0571 87236114|********6114",
        "87236114|****6114",
        "1381234567|***********",
        "12812345678|***********",
        "phone|***********",
        "''|***********",
        "NULL|***********"
    })
    void phone(String input, String expected) {
        assertThat(Masking.phone(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "张三|张*",
        "李小龙|李**",
        "欧阳娜娜|欧***",
        "阿卜杜·热合曼|阿******",
        " 王五 |王*",
        "John Smith|J*********",
        "𠀀三|𠀀*",
        "张|**",
        "''|**",
        "' '|**",
        "NULL|**",
        "123|**",
        "*三|**"
    })
    void name(String input, String expected) {
        assertThat(Masking.name(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "zhangsan@example.com|z***@example.com",
        "a@example.com|***@example.com",
        " Li.Si@hospital.org.cn |L***@hospital.org.cn",
        "张三@例子.中国|张***@例子.中国",
        "no-at-sign|***@***",
        "@example.com|***@***",
        "user@|***@***",
        "a@b@c.com|***@***",
        "user@localhost|***@***",
        "us er@example.com|***@***",
        "''|***@***",
        "NULL|***@***"
    })
    void email(String input, String expected) {
        assertThat(Masking.email(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "6222021234567890123|***************0123",
        "ABCDEFGH|****EFGH",
        "ABCDEFG|*******",
        "ABC|****",
        "''|****",
        "NULL|****",
        "病历号一二三四五六七八|*******五六七八",
        "😀😀😀😀😀😀😀😀|****😀😀😀😀"
    })
    void generic(String input, String expected) {
        assertThat(Masking.generic(input)).isEqualTo(expected);
    }

    @Test
    void keepLastWithOtherCounts() {
        assertThat(Masking.keepLast("1234567890", 3)).isEqualTo("*******890");
        assertThat(Masking.keepLast("12345", 3)).isEqualTo("*****");
        assertThat(Masking.keepLast("12345678", 0)).isEqualTo("********");
        assertThat(Masking.keepLast("12345678", -1)).isEqualTo("********");
    }

    @ParameterizedTest
    @EnumSource(Masking.Kind.class)
    void oddInputNeverThrowsAndNeverEchoesTheInput(Masking.Kind kind) {
        for (String odd : ODD) {
            String masked = kind.mask(odd);
            assertThat(masked).as("%s(%s)", kind, odd).isNotEmpty();
            assertThat(masked).as("%s(%s)", kind, odd).doesNotContain("<script>").doesNotContain("\u0000");
            if (odd != null && odd.strip().length() >= 2) {
                assertThat(masked).as("%s(%s)", kind, odd).isNotEqualTo(odd);
            }
        }
    }

    @Test
    void fullMasksHaveSensibleLengths() {
        assertThat(Masking.idCard("x")).hasSize(18).matches("\\*+");
        assertThat(Masking.phone("x")).hasSize(11).matches("\\*+");
        assertThat(Masking.generic("x")).hasSize(4).matches("\\*+");
    }

    @Test
    void kindDispatch() {
        assertThat(Masking.Kind.ID_CARD.mask("110101199003071234")).isEqualTo("110101********1234");
        assertThat(Masking.Kind.PHONE.mask("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.Kind.NAME.mask("张三")).isEqualTo("张*");
        assertThat(Masking.Kind.EMAIL.mask("ab@c.de")).isEqualTo("a***@c.de");
        assertThat(Masking.Kind.GENERIC.mask("12345678")).isEqualTo("****5678");
    }
}
