package org.telecare.dicom.data;

/**
 * Value Representations of PS3.5 Table 6.2-1.
 *
 * <p>{@link #longHeader()} tells whether the explicit VR encoding uses the 12-byte header with
 * a 32-bit length (PS3.5 §7.1.2, Table 7.1-1) rather than the 8-byte one with a 16-bit length.
 */
public enum VR {
    AE(Kind.STRING, false, ' ', false), AS(Kind.STRING, false, ' ', false),
    AT(Kind.BINARY, false, 0, false, 2), CS(Kind.STRING, false, ' ', false),
    DA(Kind.STRING, false, ' ', false), DS(Kind.STRING, false, ' ', false),
    DT(Kind.STRING, false, ' ', false), FD(Kind.BINARY, false, 0, false, 8),
    FL(Kind.BINARY, false, 0, false, 4), IS(Kind.STRING, false, ' ', false),
    LO(Kind.STRING, false, ' ', true), LT(Kind.TEXT, false, ' ', true),
    OB(Kind.BINARY, true, 0, false, 1), OD(Kind.BINARY, true, 0, false, 8),
    OF(Kind.BINARY, true, 0, false, 4), OL(Kind.BINARY, true, 0, false, 4),
    OV(Kind.BINARY, true, 0, false, 8), OW(Kind.BINARY, true, 0, false, 2),
    PN(Kind.STRING, false, ' ', true), SH(Kind.STRING, false, ' ', true),
    SL(Kind.BINARY, false, 0, false, 4), SQ(Kind.SEQUENCE, true, 0, false),
    SS(Kind.BINARY, false, 0, false, 2), ST(Kind.TEXT, false, ' ', true),
    SV(Kind.BINARY, true, 0, false, 8), TM(Kind.STRING, false, ' ', false),
    UC(Kind.STRING, true, ' ', true), UI(Kind.STRING, false, 0, false),
    UL(Kind.BINARY, false, 0, false, 4), UN(Kind.BINARY, true, 0, false, 1),
    UR(Kind.TEXT, true, ' ', false), US(Kind.BINARY, false, 0, false, 2),
    UT(Kind.TEXT, true, ' ', true), UV(Kind.BINARY, true, 0, false, 8);

    private enum Kind { STRING, TEXT, BINARY, SEQUENCE }

    private final Kind kind;
    private final boolean longHeader;
    private final byte padding;
    private final boolean charsetSensitive;
    private final int unitSize;
    private final short code;

    VR(Kind kind, boolean longHeader, int padding, boolean charsetSensitive) {
        this(kind, longHeader, padding, charsetSensitive, 1);
    }

    VR(Kind kind, boolean longHeader, int padding, boolean charsetSensitive, int unitSize) {
        this.kind = kind;
        this.longHeader = longHeader;
        this.padding = (byte) padding;
        this.charsetSensitive = charsetSensitive;
        this.unitSize = unitSize;
        this.code = (short) (name().charAt(0) << 8 | name().charAt(1));
    }

    /** 32-bit value length after two reserved bytes in explicit VR (PS3.5 §7.1.2). */
    public boolean longHeader() {
        return longHeader;
    }

    /** Byte used to pad a value to even length: space for strings, NUL for UI and binary (PS3.5 §6.2). */
    public byte padding() {
        return padding;
    }

    /** Character string VRs (including the single-valued texts LT, ST, UT, UR). */
    public boolean isString() {
        return kind == Kind.STRING || kind == Kind.TEXT;
    }

    /** LT, ST, UT, UR: one value, backslash is not a delimiter, leading spaces are significant (PS3.5 §6.2). */
    public boolean isText() {
        return kind == Kind.TEXT;
    }

    public boolean isBinary() {
        return kind == Kind.BINARY;
    }

    /** Values whose characters come from the Specific Character Set (PS3.5 §6.1.2.3). */
    public boolean isCharsetSensitive() {
        return charsetSensitive;
    }

    /**
     * Size of one binary number, the unit swapped when changing byte order (PS3.5 §7.3);
     * 1 for strings, OB and UN.
     */
    public int unitSize() {
        return unitSize;
    }

    /** The two ASCII characters as a big-endian 16-bit number ('O','B' -> 0x4F42). */
    public int code() {
        return code & 0xFFFF;
    }

    private static final VR[] BY_CODE = new VR[0x10000];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code()] = vr;
        }
    }

    /** The VR whose two ASCII characters are {@code code}, or {@code null} if none is. */
    public static VR ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
