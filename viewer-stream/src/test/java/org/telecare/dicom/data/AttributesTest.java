package org.telecare.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttributesTest {
    private static byte[] table(int... offsets) {
        ByteBuffer b = ByteBuffer.allocate(offsets.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int o : offsets) {
            b.putInt(o);
        }
        return b.array();
    }

    @Test
    void framesFollowTheBasicOffsetTable() throws Exception {
        byte[] a = new byte[10];
        byte[] b = new byte[4];
        byte[] c = new byte[6];
        // Item offsets: a at 0, b at 18, c at 30 (8-byte item header + value each, PS3.5 §A.4).
        Fragments twoFrames = new Fragments(table(0, 30)).add(a).add(b).add(c);
        List<List<Value>> frames = twoFrames.frames(2);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).extracting(v -> ((ByteValue) v).bytes()).containsExactly(a, b);
        assertThat(frames.get(1)).extracting(v -> ((ByteValue) v).bytes()).containsExactly(c);

        assertThatThrownBy(() -> new Fragments(table(0, 17)).add(a).add(c).frames(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment boundary");
        // Extended Offset Table: empty Basic Offset Table, 64-bit offsets given separately.
        Fragments extended = new Fragments().add(a).add(b).add(c);
        assertThat(extended.frames(new long[] {0, 18})).extracting(List::size).containsExactly(1, 2);
        assertThatThrownBy(() -> new Fragments(table(0)).add(a).frames(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 entries for 2 frames");
    }

    @Test
    void framesWithoutOffsetTable() throws Exception {
        Fragments f = new Fragments().add(new byte[2]).add(new byte[4]);
        assertThat(f.frames(1)).hasSize(1).first().asList().hasSize(2);
        assertThat(f.frames(2)).hasSize(2);
        assertThatThrownBy(() -> f.frames(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesAreDeep() {
        Attributes original = new Attributes();
        original.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        original.newSequence(0x00081140, true).addItem().putString(0x00081150, VR.UI, "1.2.3");
        Attributes copy = original.copy();
        copy.getSequence(0x00081140).orElseThrow().item(0).putString(0x00081150, VR.UI, "9.9");
        copy.putString(Tag.PATIENT_NAME, VR.PN, "张三");
        assertThat(original.getSequence(0x00081140).orElseThrow().item(0).getString(0x00081150)).contains("1.2.3");
        assertThat(original.contains(Tag.PATIENT_NAME)).isFalse();
        Attributes copiedItem = copy.getSequence(0x00081140).orElseThrow().item(0);
        assertThat(copiedItem.parent()).isSameAs(copy);
        assertThat(copiedItem.undefinedLength()).isTrue();
        assertThat(copy.getString(Tag.PATIENT_NAME)).contains("张三");
    }

    @Test
    void uidsFromUuidsFollowPs35AnnexB() {
        UUID uuid = UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        assertThat(Uid.fromUuid(uuid)).isEqualTo("2.25.329800735698586629295641978511506172918"); // PS3.5 §B.2 example
        String random = Uid.random();
        assertThat(Uid.isValid(random)).isTrue();
        assertThat(random).isNotEqualTo(Uid.random());
        assertThat(Uid.isValid("1.2.840.10008.1.2")).isTrue();
        assertThat(Uid.isValid("1.02.3")).isFalse();
        assertThat(Uid.isValid("1..2")).isFalse();
        assertThat(Uid.isValid("1.2." + "9".repeat(62))).isFalse();
    }
}
