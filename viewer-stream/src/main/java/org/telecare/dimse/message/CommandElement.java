package org.telecare.dimse.message;

import java.util.HashMap;
import java.util.Map;

/**
 * The command elements this implementation reads and writes, with their fixed VRs
 * (PS3.7 Annex E, Table E.1-1). Elements of group 0000 are always Implicit VR Little Endian, so
 * the VR comes from this dictionary, never from the stream.
 */
public enum CommandElement {
    COMMAND_GROUP_LENGTH(0x0000_0000, Vr.UL),
    AFFECTED_SOP_CLASS_UID(0x0000_0002, Vr.UI),
    REQUESTED_SOP_CLASS_UID(0x0000_0003, Vr.UI),
    COMMAND_FIELD(0x0000_0100, Vr.US),
    MESSAGE_ID(0x0000_0110, Vr.US),
    MESSAGE_ID_BEING_RESPONDED_TO(0x0000_0120, Vr.US),
    MOVE_DESTINATION(0x0000_0600, Vr.AE),
    PRIORITY(0x0000_0700, Vr.US),
    COMMAND_DATA_SET_TYPE(0x0000_0800, Vr.US),
    STATUS(0x0000_0900, Vr.US),
    OFFENDING_ELEMENT(0x0000_0901, Vr.AT),
    ERROR_COMMENT(0x0000_0902, Vr.LO),
    ERROR_ID(0x0000_0903, Vr.US),
    AFFECTED_SOP_INSTANCE_UID(0x0000_1000, Vr.UI),
    REQUESTED_SOP_INSTANCE_UID(0x0000_1001, Vr.UI),
    NUMBER_OF_REMAINING_SUBOPERATIONS(0x0000_1020, Vr.US),
    NUMBER_OF_COMPLETED_SUBOPERATIONS(0x0000_1021, Vr.US),
    NUMBER_OF_FAILED_SUBOPERATIONS(0x0000_1022, Vr.US),
    NUMBER_OF_WARNING_SUBOPERATIONS(0x0000_1023, Vr.US),
    MOVE_ORIGINATOR_AE_TITLE(0x0000_1030, Vr.AE),
    MOVE_ORIGINATOR_MESSAGE_ID(0x0000_1031, Vr.US);

    /** The value representations that occur in command sets (PS3.5 §6.2). */
    public enum Vr { UL, US, UI, AE, AT, SH, LO }

    /** (0000,0800) value meaning "no data set follows" (PS3.7 Table E.1-1); any other value means one does. */
    public static final int NO_DATA_SET = 0x0101;
    /** The value we send when a data set follows (any value but 0101H is allowed). */
    public static final int DATA_SET_PRESENT = 0x0000;

    private static final Map<Integer, CommandElement> BY_TAG = new HashMap<>();

    static {
        for (CommandElement e : values()) {
            BY_TAG.put(e.tag, e);
        }
    }

    private final int tag;
    private final Vr vr;

    CommandElement(int tag, Vr vr) {
        this.tag = tag;
        this.vr = vr;
    }

    public int tag() {
        return tag;
    }

    public Vr vr() {
        return vr;
    }

    /** The element for a tag, or {@code null} if this dictionary does not know it. */
    public static CommandElement of(int tag) {
        return BY_TAG.get(tag);
    }

    @Override
    public String toString() {
        return String.format("(%04X,%04X) %s", tag >>> 16, tag & 0xFFFF, name());
    }
}
