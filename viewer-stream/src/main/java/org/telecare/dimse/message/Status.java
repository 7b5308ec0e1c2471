package org.telecare.dimse.message;

/**
 * A DIMSE status (0000,0900) with its optional error comment (0000,0902), PS3.7 Annex C.
 * The class of a code follows PS3.7 Annex C.1: 0000H success, FF00H/FF01H pending, FE00H
 * cancel, 0001H, 0107H, 0116H and Bxxxh warning, everything else failure.
 */
public record Status(int code, String errorComment) {

    public static final Status SUCCESS = new Status(0x0000);
    /** Pending: matches/sub-operations are continuing (PS3.4 C.4.1.1.4, C.4.2.1.5). */
    public static final Status PENDING = new Status(0xFF00);
    /** Pending, but one or more optional keys were not supported (PS3.4 Table C.4-1). */
    public static final Status PENDING_WARNING = new Status(0xFF01);
    /** Cancel: the operation was terminated by a C-CANCEL (PS3.7 C.5). */
    public static final Status CANCEL = new Status(0xFE00);
    /** Warning: sub-operations complete, one or more failures or warnings (PS3.4 C.4.2.1.5). */
    public static final Status SUBOPERATIONS_WARNING = new Status(0xB000);
    /** Warning: coercion of data elements (PS3.4 B.2.3). */
    public static final Status COERCION_OF_DATA_ELEMENTS = new Status(0xB000 | 0x0007);
    /** Failure: refused, SOP class not supported (PS3.7 C.5.22). */
    public static final Status SOP_CLASS_NOT_SUPPORTED = new Status(0x0122);
    /** Failure: processing failure (PS3.7 C.5.12). */
    public static final Status PROCESSING_FAILURE = new Status(0x0110);
    /** Failure: unrecognized operation (PS3.7 C.5.26). */
    public static final Status UNRECOGNIZED_OPERATION = new Status(0x0211);
    /** Failure: duplicate invocation (PS3.7 C.5.7). */
    public static final Status DUPLICATE_INVOCATION = new Status(0x0210);
    /** Failure: refused, out of resources (PS3.4 B.2.3, C-STORE). */
    public static final Status OUT_OF_RESOURCES = new Status(0xA700);
    /** Failure: refused, out of resources, unable to calculate number of matches (PS3.4 C.4.2.1.5). */
    public static final Status OUT_OF_RESOURCES_MATCHES = new Status(0xA701);
    /** Failure: refused, out of resources, unable to perform sub-operations (PS3.4 C.4.2.1.5). */
    public static final Status OUT_OF_RESOURCES_SUBOPERATIONS = new Status(0xA702);
    /** Failure: refused, move destination unknown (PS3.4 C.4.2.1.5). */
    public static final Status MOVE_DESTINATION_UNKNOWN = new Status(0xA801);
    /** Failure: identifier does not match SOP class (PS3.4 C.4.1.1.4). */
    public static final Status IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = new Status(0xA900);
    /** Failure: data set does not match SOP class (PS3.4 B.2.3). */
    public static final Status DATA_SET_DOES_NOT_MATCH_SOP_CLASS = new Status(0xA900);
    /** Failure: unable to process (PS3.4 C.4.1.1.4, Cxxx range). */
    public static final Status UNABLE_TO_PROCESS = new Status(0xC000);
    /** Failure: cannot understand (PS3.4 B.2.3, Cxxx range). */
    public static final Status CANNOT_UNDERSTAND = new Status(0xC000);

    public Status {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("status code must fit in 16 bits: " + code);
        }
        if (errorComment != null && errorComment.length() > 64) {
            errorComment = errorComment.substring(0, 64);
        }
    }

    public Status(int code) {
        this(code, null);
    }

    /** The same code with an error comment (0000,0902), at most 64 characters. */
    public Status withComment(String comment) {
        return new Status(code, comment);
    }

    /** The class of a status code (PS3.7 Annex C). */
    public enum Kind { SUCCESS, PENDING, CANCEL, WARNING, FAILURE }

    public Kind kind() {
        return kindOf(code);
    }

    public static Kind kindOf(int code) {
        if (code == 0x0000) {
            return Kind.SUCCESS;
        }
        if (code == 0xFF00 || code == 0xFF01) {
            return Kind.PENDING;
        }
        if (code == 0xFE00) {
            return Kind.CANCEL;
        }
        if (code == 0x0001 || code == 0x0107 || code == 0x0116 || (code & 0xF000) == 0xB000) {
            return Kind.WARNING;
        }
        return Kind.FAILURE;
    }

    public boolean isPending() {
        return kind() == Kind.PENDING;
    }

    /** Success or warning: the operation did what was asked. */
    public boolean isOk() {
        return kind() == Kind.SUCCESS || kind() == Kind.WARNING;
    }

    @Override
    public String toString() {
        return String.format("%04XH %s%s", code, kind(), errorComment == null ? "" : " (" + errorComment + ")");
    }
}
