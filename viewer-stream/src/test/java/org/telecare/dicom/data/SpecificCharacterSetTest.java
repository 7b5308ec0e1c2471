package org.telecare.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SpecificCharacterSetTest {
    private static final byte[] ESC_JIS_X0208 = {0x1B, '$', 'B'};
    private static final byte[] ESC_ASCII = {0x1B, '(', 'B'};
    private static final byte[] ESC_KS_X1001 = {0x1B, '$', ')', 'C'};

    @ParameterizedTest
    @CsvSource({"GB18030,GB18030", "GBK,GBK", "ISO_IR 192,UTF-8"})
    void chinesePersonNamesRoundTrip(String term, String javaCharset) {
        Attributes a = new Attributes();
        a.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, term);
        a.putString(Tag.PATIENT_NAME, VR.PN, "Zhang^Wei=张三^伟");
        byte[] stored = a.getBytes(Tag.PATIENT_NAME).orElseThrow();
        assertThat(stripPadding(stored)).isEqualTo("Zhang^Wei=张三^伟".getBytes(Charset.forName(javaCharset)));
        PersonName name = a.getPersonName(Tag.PATIENT_NAME).orElseThrow();
        assertThat(name.family(0)).isEqualTo("Zhang");
        assertThat(name.family(1)).isEqualTo("张三");
        assertThat(name.given(1)).isEqualTo("伟");
        assertThat(name.phonetic()).isEmpty();
    }

    @Test
    void itemsInheritTheCharacterSetOfTheirDataSet() {
        Attributes a = new Attributes();
        a.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "GB18030");
        Attributes item = a.newSequence(0x00081120, true).addItem();
        item.putString(Tag.PATIENT_NAME, VR.PN, "王^小明");
        assertThat(item.getBytes(Tag.PATIENT_NAME).orElseThrow()).startsWith("王".getBytes(Charset.forName("GB18030")));
        assertThat(item.getString(Tag.PATIENT_NAME)).contains("王^小明");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ISO_IR 100|Müller^François", "ISO_IR 101|Dvořák^Łukasz", "ISO_IR 144|Иванов^Иван",
            "ISO_IR 126|Διονυσιος", "ISO_IR 138|שרון^דבורה", "ISO_IR 127|قباني^لنزار", "ISO_IR 148|Çelik^Şule",
            "ISO_IR 166|ประเทศไทย", "ISO_IR 13|ﾔﾏﾀﾞ^ﾀﾛｳ", "ISO_IR 109|Ħal^Ġuże", "ISO_IR 110|Ļaudis"})
    void singleByteCharacterSetsRoundTrip(String term, String value) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(term);
        byte[] encoded = cs.encode(value);
        assertThat(encoded).hasSize(value.length()); // one byte per character
        assertThat(cs.decode(encoded)).isEqualTo(value);
    }

    /** PS3.5 Annex H.3.1: "Yamada^Tarou=山田^太郎=やまだ^たろう" in ISO 2022 IR 87. */
    @Test
    void decodesJapaneseIso2022WithJisX0208() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("Yamada^Tarou=".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(ESC_JIS_X0208);
        b.writeBytes(";3ED".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(ESC_ASCII);
        b.write('^');
        b.writeBytes(ESC_JIS_X0208);
        b.writeBytes("B@O:".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(ESC_ASCII);
        b.write('=');
        b.writeBytes(ESC_JIS_X0208);
        b.writeBytes("$d$^$@".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(ESC_ASCII);
        b.write('^');
        b.writeBytes(ESC_JIS_X0208);
        b.writeBytes("$?$m$&".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(ESC_ASCII);
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(cs.decode(b.toByteArray())).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
        assertThat(cs.encode("Yamada^Tarou=山田^太郎=やまだ^たろう")).isEqualTo(b.toByteArray());
    }

    /** PS3.5 Annex I.2: Korean with KS X 1001 designated to G1 after each delimiter. */
    @Test
    void decodesKoreanIso2022WithKsX1001() {
        Charset euckr = Charset.forName("EUC-KR");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("Hong^Gildong=".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(ESC_KS_X1001);
        b.writeBytes("洪".getBytes(euckr));
        b.write('^');
        b.writeBytes(ESC_KS_X1001);
        b.writeBytes("吉洞".getBytes(euckr));
        b.write('=');
        b.writeBytes(ESC_KS_X1001);
        b.writeBytes("홍".getBytes(euckr));
        b.write('^');
        b.writeBytes(ESC_KS_X1001);
        b.writeBytes("길동".getBytes(euckr));
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        assertThat(cs.decode(b.toByteArray())).isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
        assertThat(cs.encode("Hong^Gildong=洪^吉洞=홍^길동")).isEqualTo(b.toByteArray());
    }

    @Test
    void decodesChineseIso2022WithGb2312() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("Wang^XiaoDong=".getBytes(StandardCharsets.US_ASCII));
        byte[] escGb2312 = {0x1B, '$', ')', 'A'};
        b.writeBytes(escGb2312);
        b.writeBytes("王".getBytes(Charset.forName("GB2312")));
        b.write('^');
        b.writeBytes(escGb2312); // G1 returns to the initial set after each delimiter (PS3.5 §6.1.2.5.3)
        b.writeBytes("小东".getBytes(Charset.forName("GB2312")));
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 58");
        PersonName name = PersonName.parse(cs.decode(b.toByteArray()));
        assertThat(name.family(1)).isEqualTo("王");
        assertThat(name.given(1)).isEqualTo("小东");
        assertThat(cs.encode("Wang^XiaoDong=王^小东")).isEqualTo(b.toByteArray());
    }

    /** JIS X 0212 (IR 159) is designated to G0 with ESC $ ( D and mixes with JIS X 0208. */
    @Test
    void japaneseSupplementaryKanjiRoundTrip() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159");
        String name = "Tanaka^Hanako=田中^丂";
        byte[] encoded = cs.encode(name);
        assertThat(new String(encoded, StandardCharsets.ISO_8859_1)).contains("\u001b$(D").contains("\u001b$B");
        assertThat(cs.decode(encoded)).isEqualTo(name);
    }

    @Test
    void unknownTermsAreRejected() {
        assertThatThrownBy(() -> SpecificCharacterSet.of("ISO_IR 999")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SpecificCharacterSet.of().terms()).containsExactly("ISO_IR 6");
        assertThat(SpecificCharacterSet.lenient("ISO_IR 999")).isSameAs(SpecificCharacterSet.DEFAULT);
    }

    @Test
    void nonStandardCharsetNamesSentByDevicesAreHonoured() {
        Attributes a = new Attributes();
        a.putBytes(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "GB2312".getBytes(StandardCharsets.US_ASCII));
        a.putBytes(Tag.PATIENT_NAME, VR.PN, "李^四".getBytes(Charset.forName("GB2312")));
        assertThat(a.getString(Tag.PATIENT_NAME)).contains("李^四");
        a.putBytes(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "NOT A CHARSET".getBytes(StandardCharsets.US_ASCII));
        assertThat(a.getString(Tag.PATIENT_NAME)).as("unknown: default repertoire, no exception").isPresent();
    }

    private static byte[] stripPadding(byte[] b) {
        return b.length > 0 && b[b.length - 1] == ' ' ? java.util.Arrays.copyOf(b, b.length - 1) : b;
    }
}
