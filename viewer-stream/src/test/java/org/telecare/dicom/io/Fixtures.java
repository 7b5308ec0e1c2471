package org.telecare.dicom.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Sequence;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;

/** Data sets built in Java that use every VR, nested sequences and private elements. */
public final class Fixtures {
    public static final String SC_IMAGE = "1.2.840.10008.5.1.4.1.1.7";
    public static final String INSTANCE_UID = "2.25.1234567890123456789";

    private Fixtures() {
    }

    /** One element of each VR of PS3.5 Table 6.2-1 (except SQ, which {@link #withSequences} adds). */
    public static Attributes allVrs() {
        Attributes a = new Attributes();
        a.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 100");
        a.putString(0x00080008, VR.CS, "ORIGINAL", "PRIMARY");
        a.putString(Tag.SOP_CLASS_UID, VR.UI, SC_IMAGE);
        a.putString(Tag.SOP_INSTANCE_UID, VR.UI, INSTANCE_UID);
        a.putString(Tag.STUDY_DATE, VR.DA, "20260102");
        a.putString(0x00080030, VR.TM, "101530.25");
        a.putString(0x0008002A, VR.DT, "20260102101530.250000+0800");
        a.putString(Tag.ACCESSION_NUMBER, VR.SH, "ACC-42");
        a.putString(0x00080054, VR.AE, "TELECARE");
        a.putString(Tag.MODALITY, VR.CS, "OT");
        a.putString(0x00080080, VR.LO, "Hôpital Général");
        a.putString(0x00080090, VR.PN, "");
        a.putString(0x00080120, VR.UR, "http://example.org/codes");
        a.putString(0x00081195, VR.UI, "2.25.77");
        a.putString(Tag.PATIENT_NAME, VR.PN, "Müller^Hans");
        a.putString(Tag.PATIENT_ID, VR.LO, "PID-0001");
        a.putString(0x00101010, VR.AS, "042Y");
        a.putString(0x00101020, VR.DS, "1.75");
        a.putString(0x00104000, VR.LT, "  leading spaces kept in LT\r\nsecond line");
        a.putBytes(0x00109431, VR.FL, le(4).putFloat(2.5f).array());
        a.putInts(0x00186020, VR.SL, -70000);
        a.putBytes(0x00189087, VR.FD, le(8).putDouble(1500.25).array());
        a.putInts(0x00189219, VR.SS, -5);
        a.putString(0x00080119, VR.UC, "unlimited characters value");
        a.putString(0x00200013, VR.IS, "7");
        a.putInts(0x00209057, VR.UL, 3);
        a.putInts(0x00209165, VR.AT, Tag.PATIENT_ID, Tag.STUDY_DATE);
        a.putBytes(0x00660022, VR.OD, le(8).putDouble(0.125).array());
        a.putInts(Tag.SAMPLES_PER_PIXEL, VR.US, 1);
        a.putString(Tag.PHOTOMETRIC_INTERPRETATION, VR.CS, "MONOCHROME2");
        a.putInts(Tag.ROWS, VR.US, 4);
        a.putInts(Tag.COLUMNS, VR.US, 4);
        a.putInts(Tag.BITS_ALLOCATED, VR.US, 16);
        a.putInts(Tag.BITS_STORED, VR.US, 12);
        a.putInts(Tag.HIGH_BIT, VR.US, 11);
        a.putInts(Tag.PIXEL_REPRESENTATION, VR.US, 0);
        a.putBytes(0x00283006, VR.OW, le(4).putShort((short) 1).putShort((short) 2).array());
        a.putString(0x00400280, VR.ST, "short text");
        a.putString(0x0040A160, VR.UT, "unlimited text value");
        a.putBytes(0x00640009, VR.OF, le(8).putFloat(1.5f).putFloat(-2f).array());
        a.putBytes(0x00660040, VR.OL, le(8).putInt(1).putInt(2).array());
        a.putBytes(0x00720082, VR.SV, le(8).putLong(-3_000_000_000L).array());
        a.putBytes(0x00720083, VR.UV, le(8).putLong(9_000_000_000L).array());
        a.putBytes(0x00282000, VR.OB, new byte[] {1, 2, 3, 4});
        a.putBytes(0x7FE00001, VR.OV, le(8).putLong(0).array());
        // A private block (PS3.5 §7.8.1): creator (0009,0010) reserves (0009,1000-10FF).
        a.putString(0x00090010, VR.LO, "TELECARE TEST");
        a.putBytes(0x00091001, VR.UN, new byte[] {9, 8, 7, 6, 5, 4});
        a.putString(0x00091002, VR.SH, "private");
        return a;
    }

    /** Adds nested sequences: defined and undefined lengths for sequences and items, three levels deep. */
    public static Attributes withSequences(Attributes a) {
        Sequence defined = a.newSequence(0x00081140, false);
        Attributes item = defined.addItem(false);
        item.putString(0x00081150, VR.UI, "1.2.3");
        item.putString(0x00081155, VR.UI, "1.2.3.4");
        Attributes item2 = defined.addItem(true);
        item2.putString(0x00081150, VR.UI, "1.2.4");
        Sequence undefined = a.newSequence(0x00400275, true);
        Attributes outer = undefined.addItem(true);
        outer.putString(0x00401001, VR.SH, "RP1");
        Sequence inner = outer.newSequence(0x00400008, false);
        Attributes code = inner.addItem(false);
        code.putString(0x00080100, VR.SH, "CODE");
        code.putString(0x00080102, VR.SH, "99TEST");
        code.putString(0x00080104, VR.LO, "Meaning");
        Sequence deepest = code.newSequence(0x00400440, true);
        deepest.addItem(false).putString(0x00080100, VR.SH, "DEEP");
        undefined.addItem(false); // empty item
        a.newSequence(0x00081111, true); // empty sequence, undefined length
        a.newSequence(0x00081250, false); // empty sequence, defined length
        // Private sequence, which implicit VR readers can only recognise by its undefined length.
        Sequence privateSeq = a.newSequence(0x00091003, true);
        Attributes privateItem = privateSeq.addItem(true);
        privateItem.putString(0x00090010, VR.LO, "TELECARE TEST");
        privateItem.putBytes(0x00091001, VR.UN, new byte[] {1, 2});
        return a;
    }

    public static Attributes withNativePixels(Attributes a) {
        byte[] pixels = new byte[4 * 4 * 2];
        for (int i = 0; i < pixels.length; i += 2) {
            pixels[i] = (byte) i;
            pixels[i + 1] = (byte) (i >> 3);
        }
        a.putBytes(Tag.PIXEL_DATA, VR.OW, pixels);
        return a;
    }

    public static Attributes withFragments(Attributes a) {
        Fragments f = new Fragments(le(8).putInt(0).putInt(18).array());
        f.add(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, 5, 6, 7, 8});
        f.add(new byte[] {(byte) 0xFF, (byte) 0xD8, 9, 10, 11, 12});
        a.put(Tag.PIXEL_DATA, VR.OB, f);
        return a;
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
