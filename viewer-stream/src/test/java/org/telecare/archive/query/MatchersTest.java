package org.telecare.archive.query;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PS3.4 §C.2.2.2 matching rules, one group of cases per rule. */
class MatchersTest {

    private static Matcher m(QueryKey key, String value) {
        return Matchers.parse(key, value, false);
    }

    @Test
    void universalMatchingMatchesEverythingIncludingNoValue() {
        for (String v : new String[] {"", "  ", "*", null}) {
            Matcher u = m(QueryKey.PatientName, v);
            assertThat(u.isUniversal()).isTrue();
            assertThat(u.matches(null)).isTrue();
            assertThat(u.matches("")).isTrue();
            assertThat(u.matches("DOE^JOHN")).isTrue();
        }
        assertThat(m(QueryKey.StudyDate, "").matches(null)).isTrue();
        assertThat(m(QueryKey.StudyInstanceUID, "").matches("1.2.3")).isTrue();
    }

    @Test
    void singleValueMatchingIsExactForCodeStringsAndIgnoresPadding() {
        Matcher cs = m(QueryKey.Modality, "CT");
        assertThat(cs.matches("CT")).isTrue();
        assertThat(cs.matches("CT ")).isTrue();
        assertThat(cs.matches("ct")).isFalse();
        assertThat(cs.matches("CTX")).isFalse();
        assertThat(cs.matches("")).isFalse();
        assertThat(cs.matches(null)).isFalse();
        assertThat(m(QueryKey.PatientID, "P-0001").matches("P-0001")).isTrue();
        assertThat(m(QueryKey.PatientID, "P-0001").matches("p-0001")).isFalse();
        assertThat(m(QueryKey.InstanceNumber, "7").matches("007")).isTrue();
        assertThat(m(QueryKey.InstanceNumber, "7").matches("8")).isFalse();
    }

    @Test
    void multiValuedStoredAttributesMatchWhenAnyValueMatches() {
        assertThat(m(QueryKey.ModalitiesInStudy, "MR").matches("CT\\MR\\PR")).isTrue();
        assertThat(m(QueryKey.ModalitiesInStudy, "US").matches("CT\\MR\\PR")).isFalse();
        // multiple value matching of the key: any alternative (PS3.4 §C.2.2.2.8)
        assertThat(m(QueryKey.ModalitiesInStudy, "US\\MR").matches("CT\\MR")).isTrue();
        assertThat(m(QueryKey.Modality, "US\\MR").matches("CT")).isFalse();
    }

    @Test
    void wildcardsStarAndQuestionMark() {
        assertThat(m(QueryKey.AccessionNumber, "A12*").matches("A12345")).isTrue();
        assertThat(m(QueryKey.AccessionNumber, "A12*").matches("A12")).isTrue();
        assertThat(m(QueryKey.AccessionNumber, "A12*").matches("B12")).isFalse();
        assertThat(m(QueryKey.AccessionNumber, "A?2*5").matches("AX2345")).isTrue();
        assertThat(m(QueryKey.AccessionNumber, "A?2").matches("A2")).isFalse();
        assertThat(m(QueryKey.StudyDescription, "*CHEST*").matches("CT CHEST W/O")).isTrue();
        assertThat(m(QueryKey.StudyDescription, "*CHEST*").matches("CT chest")).isFalse();
        assertThat(m(QueryKey.StudyDescription, "**a**b").matches("xaxxb")).isTrue();
        assertThat(m(QueryKey.StudyDescription, "*a*b").matches("xaxxbc")).isFalse();
    }

    @Test
    void personNamesAreCaseInsensitiveAndIgnoreTrailingEmptyComponents() {
        assertThat(m(QueryKey.PatientName, "doe^john").matches("DOE^JOHN^^^")).isTrue();
        assertThat(m(QueryKey.PatientName, "DOE^JOHN^^").matches("Doe^John")).isTrue();
        assertThat(m(QueryKey.PatientName, "DOE").matches("DOE^JOHN")).isFalse();
        assertThat(m(QueryKey.PatientName, "DOE*").matches("DOE^JOHN")).isTrue();
        assertThat(m(QueryKey.PatientName, "*JOHN").matches("DOE^JOHN")).isTrue();
        assertThat(m(QueryKey.PatientName, "d?e^*").matches("DOE^JOHN")).isTrue();
        assertThat(m(QueryKey.ReferringPhysicianName, "SMITH*").matches("Smith^Anna^^Dr.")).isTrue();
    }

    @Test
    void chineseNamesMatchOnAnyComponentGroup() {
        // PS3.5 §6.2.1.2: alphabetic = ideographic = phonetic component groups
        String stored = "张三^^^^=ZHANG^SAN";
        assertThat(m(QueryKey.PatientName, "张*").matches(stored)).isTrue();
        assertThat(m(QueryKey.PatientName, "张三").matches(stored)).isTrue();
        assertThat(m(QueryKey.PatientName, "ZHANG*").matches(stored)).isTrue();
        assertThat(m(QueryKey.PatientName, "zhang^san").matches(stored)).isTrue();
        assertThat(m(QueryKey.PatientName, "李*").matches(stored)).isFalse();
        String usual = "Zhang^San=张^三=ちょう^さん";
        assertThat(m(QueryKey.PatientName, "张^*").matches(usual)).isTrue();
        assertThat(m(QueryKey.PatientName, "ちょう*").matches(usual)).isTrue();
        // group by group when the key has groups; an empty key group is universal
        assertThat(m(QueryKey.PatientName, "=张^三").matches(usual)).isTrue();
        assertThat(m(QueryKey.PatientName, "ZHANG*=张*").matches(usual)).isTrue();
        assertThat(m(QueryKey.PatientName, "LI*=张*").matches(usual)).isFalse();
        assertThat(m(QueryKey.PatientName, "=李*").matches(usual)).isFalse();
    }

    @Test
    void questionMarkIsOneCharacterAlsoOutsideTheBasicPlane() {
        // U+20000 (GB18030 four-byte range, CJK Extension B) is a surrogate pair in Java
        String stored = "\uD840\uDC00明";
        assertThat(m(QueryKey.PatientName, "?明").matches(stored)).isTrue();
        assertThat(m(QueryKey.PatientName, "??明").matches(stored)).isFalse();
        assertThat(m(QueryKey.PatientName, "\uD840\uDC00*").matches(stored)).isTrue();
        assertThat(m(QueryKey.PatientName, "*\uD840\uDC01*").matches(stored)).isFalse();
        // GB18030-only characters beyond GB2312, e.g. 㐀 (U+3400), 䶵
        assertThat(m(QueryKey.PatientName, "㐀?").matches("㐀䶵^^=TEST")).isTrue();
    }

    @Test
    void fuzzyPersonNamesIgnoreCaseAndAccentsAndMatchWordPrefixes() {
        Matcher f = Matchers.parse(QueryKey.PatientName, "muller", true);
        assertThat(f.matches("Müller^Hans")).isTrue();
        assertThat(f.matches("MUELLER^HANS")).isFalse();
        assertThat(Matchers.parse(QueryKey.PatientName, "han mül", true).matches("MÜLLER^HANS")).isTrue();
        assertThat(Matchers.parse(QueryKey.PatientName, "zha", true).matches("张三^^^^=ZHANG^SAN")).isTrue();
        assertThat(Matchers.parse(QueryKey.PatientName, "张", true).matches("张三^^^^=ZHANG^SAN")).isTrue();
        assertThat(Matchers.parse(QueryKey.PatientName, "san", true).matches("张三^^^^=ZHANG^SAN")).isTrue();
        assertThat(Matchers.parse(QueryKey.PatientName, "ang", true).matches("ZHANG^SAN")).isFalse();
        assertThat(Matchers.parse(QueryKey.PatientName, "Jose", true).matches("JOSÉ^García")).isTrue();
        assertThat(Matchers.parse(QueryKey.PatientName, "garc*", true).matches("JOSÉ^García")).isTrue();
        // fuzzy only changes person names
        assertThat(Matchers.parse(QueryKey.PatientID, "p1", true).matches("P1")).isFalse();
    }

    @Test
    void dateRanges() {
        Matcher between = m(QueryKey.StudyDate, "20240101-20240131");
        assertThat(between.matches("20240101")).isTrue();
        assertThat(between.matches("20240131")).isTrue();
        assertThat(between.matches("20240201")).isFalse();
        assertThat(between.matches("20231231")).isFalse();
        assertThat(between.matches("")).isFalse();
        assertThat(m(QueryKey.StudyDate, "20240101-").matches("20990101")).isTrue();
        assertThat(m(QueryKey.StudyDate, "20240101-").matches("20231231")).isFalse();
        assertThat(m(QueryKey.StudyDate, "-20240131").matches("19000101")).isTrue();
        assertThat(m(QueryKey.StudyDate, "-20240131").matches("20240201")).isFalse();
        assertThat(m(QueryKey.StudyDate, "20240229").matches("20240229")).isTrue();
        assertThat(m(QueryKey.PatientBirthDate, "19800101-19891231").matches("19850615")).isTrue();
        // a malformed stored value never matches, and never throws
        assertThat(between.matches("2024-01-05")).isFalse();
    }

    @Test
    void timeRangesUseThePrecisionGiven() {
        assertThat(m(QueryKey.StudyTime, "10").matches("105959.999")).isTrue();
        assertThat(m(QueryKey.StudyTime, "10").matches("110000")).isFalse();
        assertThat(m(QueryKey.StudyTime, "0800-1200").matches("1230")).isFalse();
        assertThat(m(QueryKey.StudyTime, "0800-12").matches("1259")).isTrue();
        assertThat(m(QueryKey.StudyTime, "-0800").matches("075959.123456")).isTrue();
        assertThat(m(QueryKey.StudyTime, "1015-").matches("10:20:00")).isTrue();
        assertThat(m(QueryKey.StudyTime, "101500.5-101500.6").matches("101500.55")).isTrue();
        Matcher night = m(QueryKey.StudyTime, "2200-0600");
        assertThat(night.matches("2330")).isTrue();
        assertThat(night.matches("0130")).isTrue();
        assertThat(night.matches("1200")).isFalse();
    }

    @Test
    void combinedDateAndTimeRangesSpanMidnight() {
        QueryFilter f = QueryFilter.parse(Map.of(QueryKey.StudyDate, "20240101-20240102", QueryKey.StudyTime, "2200-0600"), false);
        assertThat(f.test(QueryLevel.STUDY, study("20240101", "230000"))).isTrue();
        assertThat(f.test(QueryLevel.STUDY, study("20240102", "030000"))).isTrue();
        assertThat(f.test(QueryLevel.STUDY, study("20240101", "120000"))).isFalse();
        assertThat(f.test(QueryLevel.STUDY, study("20240101", "210000"))).isFalse();
        assertThat(f.test(QueryLevel.STUDY, study("20240102", "070000"))).isFalse();
        assertThat(f.test(QueryLevel.STUDY, study("20240102", null))).isTrue();
        assertThat(f.test(QueryLevel.STUDY, study("20240103", null))).isFalse();
        QueryFilter open = QueryFilter.parse(Map.of(QueryKey.StudyDate, "20240101-", QueryKey.StudyTime, "1200-"), false);
        assertThat(open.test(QueryLevel.STUDY, study("20240101", "110000"))).isFalse();
        assertThat(open.test(QueryLevel.STUDY, study("20240102", "010000"))).isTrue();
        // a single date with a time range is not combined, but means the same
        QueryFilter single = QueryFilter.parse(Map.of(QueryKey.StudyDate, "20240101", QueryKey.StudyTime, "1000-1100"), false);
        assertThat(single.test(QueryLevel.STUDY, study("20240101", "103000"))).isTrue();
        assertThat(single.test(QueryLevel.STUDY, study("20240102", "103000"))).isFalse();
    }

    private static java.util.function.Function<QueryKey, String> study(String date, String time) {
        return k -> k == QueryKey.StudyDate ? date : k == QueryKey.StudyTime ? time : null;
    }

    @Test
    void dateTimeKeysWithOffsets() {
        Matcher dt = Matchers.parse(QueryKey.StudyDate, "20240101", false);
        assertThat(dt).isInstanceOf(Matcher.Range.class);
        TemporalValues.Interval[] r = Matchers.range(Vr.DT, "20240101120000-0500-20240102");
        assertThat(r[0].low()).isEqualTo(TemporalValues.dateTime("202401011200").low());
        assertThat(r[1].high()).isEqualTo(TemporalValues.dateTime("20240102").high());
        TemporalValues.Interval[] open = Matchers.range(Vr.DT, "-2024");
        assertThat(open[0]).isNull();
        assertThat(TemporalValues.dateTime("2024").high() + 1).isEqualTo(TemporalValues.dateTime("2025").low());
    }

    @Test
    void listOfUidMatching() {
        Matcher l = m(QueryKey.StudyInstanceUID, "1.2.3\\1.2.4");
        assertThat(l.matches("1.2.3")).isTrue();
        assertThat(l.matches("1.2.4")).isTrue();
        assertThat(l.matches("1.2.5")).isFalse();
        assertThat(l.matches("1.2.3.4")).isFalse();
        assertThat(m(QueryKey.SeriesInstanceUID, "1.2.3,1.2.4").matches("1.2.4")).isTrue();
        assertThat(m(QueryKey.SOPInstanceUID, "1.2.3").matches("1.2.3\0")).isTrue();
    }

    @Test
    void badKeysAreClearErrors() {
        assertThatThrownBy(() -> m(QueryKey.StudyDate, "2024-13-45"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StudyDate").hasMessageContaining("2024-13-45");
        assertThatThrownBy(() -> m(QueryKey.StudyDate, "20241345")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a calendar date");
        assertThatThrownBy(() -> m(QueryKey.StudyDate, "20240230")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m(QueryKey.StudyDate, "20240131-20240101")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends before it begins");
        assertThatThrownBy(() -> m(QueryKey.StudyDate, "-")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m(QueryKey.StudyDate, "2024*")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wild cards");
        assertThatThrownBy(() -> m(QueryKey.StudyTime, "2500")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m(QueryKey.StudyTime, "1260")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m(QueryKey.StudyTime, "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m(QueryKey.StudyInstanceUID, "1.2.*")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a UID");
        assertThatThrownBy(() -> m(QueryKey.StudyInstanceUID, "1..2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m(QueryKey.SeriesNumber, "x1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m(QueryKey.PatientName, "a=b=c=d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Matchers.range(Vr.DT, "2024-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m(QueryKey.PatientID, "x".repeat(5000))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysByKeywordAndTag() {
        assertThat(QueryKey.byName("PatientName")).contains(QueryKey.PatientName);
        assertThat(QueryKey.byName("00100010")).contains(QueryKey.PatientName);
        assertThat(QueryKey.byName("0020000d")).contains(QueryKey.StudyInstanceUID);
        assertThat(QueryKey.byName("Nope")).isEmpty();
        assertThat(QueryKey.StudyInstanceUID.tagHex()).isEqualTo("0020000D");
        assertThat(QueryKey.byTag(0x00080061)).contains(QueryKey.ModalitiesInStudy);
        assertThat(QueryKey.ModalitiesInStudy.isComputed()).isTrue();
        assertThat(QueryKey.defaultsFor(QueryLevel.STUDY)).contains(QueryKey.PatientName, QueryKey.ModalitiesInStudy)
                .doesNotContain(QueryKey.Modality);
        assertThatThrownBy(() -> QueryLevel.of("FRAME")).isInstanceOf(IllegalArgumentException.class);
    }
}
