package org.telecare.dicom.data;

import java.util.HexFormat;

/**
 * Data element tags as {@code int}s: group in the high 16 bits, element in the low 16 bits
 * (PS3.5 §7.1). Ordering of tags in a data set is by unsigned value (PS3.5 §7.1.2), so use
 * {@link #compare(int, int)} rather than {@code <}.
 */
public final class Tag {
    /** (FFFE,E000) Item, (FFFE,E00D) Item Delimitation, (FFFE,E0DD) Sequence Delimitation: PS3.5 §7.5. */
    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    public static final int FILE_META_INFORMATION_GROUP_LENGTH = 0x00020000;
    public static final int FILE_META_INFORMATION_VERSION = 0x00020001;
    public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
    public static final int TRANSFER_SYNTAX_UID = 0x00020010;
    public static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
    public static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;
    public static final int SOURCE_APPLICATION_ENTITY_TITLE = 0x00020016;

    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    public static final int SOP_CLASS_UID = 0x00080016;
    public static final int SOP_INSTANCE_UID = 0x00080018;
    public static final int STUDY_DATE = 0x00080020;
    public static final int ACCESSION_NUMBER = 0x00080050;
    public static final int MODALITY = 0x00080060;
    public static final int PATIENT_NAME = 0x00100010;
    public static final int PATIENT_ID = 0x00100020;
    public static final int STUDY_INSTANCE_UID = 0x0020000D;
    public static final int SERIES_INSTANCE_UID = 0x0020000E;
    public static final int SAMPLES_PER_PIXEL = 0x00280002;
    public static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    public static final int NUMBER_OF_FRAMES = 0x00280008;
    public static final int ROWS = 0x00280010;
    public static final int COLUMNS = 0x00280011;
    public static final int BITS_ALLOCATED = 0x00280100;
    public static final int BITS_STORED = 0x00280101;
    public static final int HIGH_BIT = 0x00280102;
    public static final int PIXEL_REPRESENTATION = 0x00280103;
    public static final int PIXEL_DATA = 0x7FE00010;

    private Tag() {
    }

    public static int of(int group, int element) {
        return (group & 0xFFFF) << 16 | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Private data elements have an odd group number (PS3.5 §7.8.1); groups 1, 3, 5, 7 and FFFF are not usable. */
    public static boolean isPrivate(int tag) {
        int group = group(tag);
        return (group & 1) != 0 && group > 0x0007 && group != 0xFFFF;
    }

    /** (gggg,0010-00FF) in a private group reserves a block of elements (PS3.5 §7.8.1). */
    public static boolean isPrivateCreator(int tag) {
        int element = element(tag);
        return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
    }

    /** (gggg,0000) group length (PS3.5 §7.2). */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** Item and delimitation tags of group FFFE, which carry no VR (PS3.5 §7.5). */
    public static boolean isItemOrDelimiter(int tag) {
        return group(tag) == 0xFFFE;
    }

    public static int compare(int a, int b) {
        return Integer.compareUnsigned(a, b);
    }

    /** "(gggg,eeee)" in upper-case hex, the notation of PS3.6. */
    public static String toString(int tag) {
        HexFormat hex = HexFormat.of().withUpperCase();
        return "(" + hex.toHexDigits((short) group(tag)) + "," + hex.toHexDigits((short) element(tag)) + ")";
    }

    /** Parses "(gggg,eeee)", "gggg,eeee" or "ggggeeee". */
    public static int parse(String text) {
        String hex = text.replaceAll("[(),\\s]", "");
        if (hex.length() != 8) {
            throw new IllegalArgumentException("not a tag: " + text);
        }
        return (int) Long.parseLong(hex, 16);
    }
}
