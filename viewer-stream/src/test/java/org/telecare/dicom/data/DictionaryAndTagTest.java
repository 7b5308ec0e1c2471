package org.telecare.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DictionaryAndTagTest {
    private final ElementDictionary dict = ElementDictionary.standard();

    @Test
    void tagsFormatParseAndClassify() {
        assertThat(Tag.toString(Tag.PIXEL_DATA)).isEqualTo("(7FE0,0010)");
        assertThat(Tag.parse("(0010,0010)")).isEqualTo(Tag.PATIENT_NAME);
        assertThat(Tag.group(Tag.ITEM)).isEqualTo(0xFFFE);
        assertThat(Tag.isPrivate(0x00091001)).isTrue();
        assertThat(Tag.isPrivate(0x00030010)).as("groups 1-7 are not private (PS3.5 §7.8.1)").isFalse();
        assertThat(Tag.isPrivateCreator(0x00290010)).isTrue();
        assertThat(Tag.isPrivateCreator(0x00291010)).isFalse();
        assertThat(Tag.compare(0xFFFEE000, 0x7FE00010)).as("unsigned order").isPositive();
    }

    /** PS3.5 Table 7.1-1: these VRs use the 12-byte explicit header with a 32-bit length. */
    @Test
    void explicitHeaderLengthsFollowTable71() {
        Set<VR> longHeader = EnumSet.of(VR.OB, VR.OD, VR.OF, VR.OL, VR.OV, VR.OW, VR.SQ, VR.SV, VR.UC, VR.UN, VR.UR,
                VR.UT, VR.UV);
        for (VR vr : VR.values()) {
            assertThat(vr.longHeader()).as(vr.name()).isEqualTo(longHeader.contains(vr));
            assertThat(VR.ofCode(vr.code())).isSameAs(vr);
        }
        assertThat(VR.values()).hasSize(34);
        assertThat(VR.UI.padding()).isZero();
        assertThat(VR.PN.padding()).isEqualTo((byte) ' ');
        assertThat(VR.ofCode('X' << 8 | 'X')).isNull();
        assertThat(EnumSet.allOf(VR.class).stream().filter(VR::isCharsetSensitive))
                .containsExactlyInAnyOrder(VR.SH, VR.LO, VR.ST, VR.LT, VR.PN, VR.UC, VR.UT);
    }

    @Test
    void dictionaryCoversTheStandardAndItsRules() {
        assertThat(dict.size()).isGreaterThan(4900);
        assertThat(dict.entry(Tag.PATIENT_NAME).orElseThrow().keyword()).isEqualTo("PatientName");
        assertThat(dict.vrOf(Tag.PATIENT_NAME)).isEqualTo(VR.PN);
        assertThat(dict.vrOf(Tag.PIXEL_DATA)).isEqualTo(VR.OW);
        assertThat(dict.entry(Tag.PIXEL_DATA).orElseThrow().vrs()).containsExactly(VR.OW, VR.OB);
        assertThat(dict.vrOf(0x00280106)).as("Smallest Image Pixel Value is US or SS").isEqualTo(VR.US);
        assertThat(dict.vrOf(0x00720082)).isEqualTo(VR.SV);
        // Repeating groups 60xx (overlays) and 50xx (curves, retired).
        assertThat(dict.keywordOf(0x60023000)).isEqualTo("OverlayData");
        assertThat(dict.keywordOf(0x601E0010)).isEqualTo("OverlayRows");
        assertThat(dict.entry(0x50100005).orElseThrow().retired()).isTrue();
        assertThat(dict.keywordOf(0x00203105)).isEqualTo("SourceImageIDs");
        // Group lengths, private creators, private and unknown data.
        assertThat(dict.vrOf(0x00080000)).isEqualTo(VR.UL);
        assertThat(dict.keywordOf(Tag.FILE_META_INFORMATION_GROUP_LENGTH)).isEqualTo("FileMetaInformationGroupLength");
        assertThat(dict.vrOf(0x00290010)).isEqualTo(VR.LO);
        assertThat(dict.vrOf(0x00291001)).isEqualTo(VR.UN);
        assertThat(dict.vrOf(0x60031001)).as("odd group 6003 is private, not an overlay").isEqualTo(VR.UN);
        assertThat(dict.vrOf(0x00080001)).as("retired Length to End").isEqualTo(VR.UL);
        assertThat(dict.vrOf(0x00080002)).isEqualTo(VR.UN);
        assertThat(dict.byKeyword("StudyInstanceUID").orElseThrow().tag()).isEqualTo(Tag.STUDY_INSTANCE_UID);
    }
}
