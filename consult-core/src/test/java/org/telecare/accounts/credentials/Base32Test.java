package org.telecare.accounts.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Base32Test {

    /** RFC 4648 §10 test vectors, with the padding removed. */
    @ParameterizedTest
    @CsvSource({"'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI"})
    void rfc4648Vectors(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32.encode(bytes)).isEqualTo(encoded);
        assertThat(Base32.decode(encoded)).isEqualTo(bytes);
    }

    @Test
    void decodingAcceptsPaddingAndLowerCase() {
        assertThat(Base32.decode("MZXW6YTBOI======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base32.decode("mzxw6ytboi")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void rfc6238SeedEncodesAsAuthenticatorAppsShowIt() {
        assertThat(Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @Test
    void roundTrip() {
        Random r = new Random(7);
        for (int n = 0; n < 70; n++) {
            byte[] data = new byte[n];
            r.nextBytes(data);
            assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW6YT1", "MZXW 6YTB", "MZXW6YTB!", "M", "MZX", "MZXW6Y", "MZ======x", "MZXR"})
    void badInputIsRefused(String text) {
        assertThatThrownBy(() -> Base32.decode(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Base32");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> Base32.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
