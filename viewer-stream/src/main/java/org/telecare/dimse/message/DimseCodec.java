package org.telecare.dimse.message;

import static org.telecare.dimse.message.CommandElement.*;

/** Maps {@link Dimse} messages to {@link CommandSet}s and back (PS3.7 §9.3, Annex E). */
public final class DimseCodec {

    private DimseCodec() {
    }

    /** The command set of a message; {@code withDataSet} sets (0000,0800). */
    public static CommandSet encode(Dimse message, boolean withDataSet) {
        CommandSet cs = new CommandSet();
        cs.put(COMMAND_FIELD, message.commandField());
        cs.put(COMMAND_DATA_SET_TYPE, withDataSet ? DATA_SET_PRESENT : NO_DATA_SET);
        switch (message) {
            case Dimse.CEchoRq m -> cs.put(MESSAGE_ID, m.messageId()).put(AFFECTED_SOP_CLASS_UID, m.sopClassUid());
            case Dimse.CStoreRq m -> cs.put(MESSAGE_ID, m.messageId()).put(AFFECTED_SOP_CLASS_UID, m.sopClassUid())
                    .put(AFFECTED_SOP_INSTANCE_UID, m.sopInstanceUid()).put(PRIORITY, m.priority().code())
                    .put(MOVE_ORIGINATOR_AE_TITLE, m.moveOriginatorAeTitle())
                    .put(MOVE_ORIGINATOR_MESSAGE_ID, m.moveOriginatorMessageId());
            case Dimse.CFindRq m -> cs.put(MESSAGE_ID, m.messageId()).put(AFFECTED_SOP_CLASS_UID, m.sopClassUid())
                    .put(PRIORITY, m.priority().code());
            case Dimse.CGetRq m -> cs.put(MESSAGE_ID, m.messageId()).put(AFFECTED_SOP_CLASS_UID, m.sopClassUid())
                    .put(PRIORITY, m.priority().code());
            case Dimse.CMoveRq m -> cs.put(MESSAGE_ID, m.messageId()).put(AFFECTED_SOP_CLASS_UID, m.sopClassUid())
                    .put(PRIORITY, m.priority().code()).put(MOVE_DESTINATION, m.moveDestination());
            case Dimse.CCancelRq m -> cs.put(MESSAGE_ID_BEING_RESPONDED_TO, m.messageIdBeingRespondedTo());
            case Dimse.CEchoRsp m -> response(cs, m);
            case Dimse.CStoreRsp m -> response(cs, m).put(AFFECTED_SOP_INSTANCE_UID, m.sopInstanceUid());
            case Dimse.CFindRsp m -> response(cs, m);
            case Dimse.CGetRsp m -> subOperations(response(cs, m), m.subOperations());
            case Dimse.CMoveRsp m -> subOperations(response(cs, m), m.subOperations());
        }
        return cs;
    }

    /** The message of a command set; throws when required elements are missing. */
    public static Dimse decode(CommandSet cs) throws DimseException {
        int field = cs.commandField();
        return switch (field) {
            case Dimse.C_ECHO_RQ -> new Dimse.CEchoRq(msgId(cs), uid(cs, AFFECTED_SOP_CLASS_UID));
            case Dimse.C_STORE_RQ -> new Dimse.CStoreRq(msgId(cs), uid(cs, AFFECTED_SOP_CLASS_UID),
                    uid(cs, AFFECTED_SOP_INSTANCE_UID), Priority.of(cs.getInt(PRIORITY, 0)),
                    cs.getString(MOVE_ORIGINATOR_AE_TITLE), cs.getInt(MOVE_ORIGINATOR_MESSAGE_ID));
            case Dimse.C_FIND_RQ -> new Dimse.CFindRq(msgId(cs), uid(cs, AFFECTED_SOP_CLASS_UID),
                    Priority.of(cs.getInt(PRIORITY, 0)));
            case Dimse.C_GET_RQ -> new Dimse.CGetRq(msgId(cs), uid(cs, AFFECTED_SOP_CLASS_UID),
                    Priority.of(cs.getInt(PRIORITY, 0)));
            case Dimse.C_MOVE_RQ -> new Dimse.CMoveRq(msgId(cs), uid(cs, AFFECTED_SOP_CLASS_UID),
                    Priority.of(cs.getInt(PRIORITY, 0)), required(cs.getString(MOVE_DESTINATION), MOVE_DESTINATION));
            case Dimse.C_CANCEL_RQ -> new Dimse.CCancelRq(respondedTo(cs));
            case Dimse.C_ECHO_RSP -> new Dimse.CEchoRsp(respondedTo(cs), cs.getString(AFFECTED_SOP_CLASS_UID), status(cs));
            case Dimse.C_STORE_RSP -> new Dimse.CStoreRsp(respondedTo(cs), cs.getString(AFFECTED_SOP_CLASS_UID),
                    cs.getString(AFFECTED_SOP_INSTANCE_UID), status(cs));
            case Dimse.C_FIND_RSP -> new Dimse.CFindRsp(respondedTo(cs), cs.getString(AFFECTED_SOP_CLASS_UID), status(cs));
            case Dimse.C_GET_RSP -> new Dimse.CGetRsp(respondedTo(cs), cs.getString(AFFECTED_SOP_CLASS_UID), status(cs),
                    subOperations(cs));
            case Dimse.C_MOVE_RSP -> new Dimse.CMoveRsp(respondedTo(cs), cs.getString(AFFECTED_SOP_CLASS_UID), status(cs),
                    subOperations(cs));
            default -> throw new DimseException(String.format("unsupported command field %04XH", field));
        };
    }

    private static CommandSet response(CommandSet cs, Dimse.Response m) {
        cs.put(MESSAGE_ID_BEING_RESPONDED_TO, m.messageIdBeingRespondedTo())
                .put(AFFECTED_SOP_CLASS_UID, m.sopClassUid())
                .put(STATUS, m.status().code());
        if (m.status().errorComment() != null && m.status().kind() != Status.Kind.SUCCESS
                && m.status().kind() != Status.Kind.PENDING) {
            cs.put(ERROR_COMMENT, m.status().errorComment());
        }
        return cs;
    }

    private static CommandSet subOperations(CommandSet cs, SubOperations s) {
        if (s == null) {
            return cs;
        }
        return cs.put(NUMBER_OF_REMAINING_SUBOPERATIONS, s.remaining())
                .put(NUMBER_OF_COMPLETED_SUBOPERATIONS, s.completed())
                .put(NUMBER_OF_FAILED_SUBOPERATIONS, s.failed())
                .put(NUMBER_OF_WARNING_SUBOPERATIONS, s.warning());
    }

    private static SubOperations subOperations(CommandSet cs) {
        if (!cs.contains(NUMBER_OF_COMPLETED_SUBOPERATIONS) && !cs.contains(NUMBER_OF_REMAINING_SUBOPERATIONS)) {
            return null;
        }
        return new SubOperations(cs.getInt(NUMBER_OF_REMAINING_SUBOPERATIONS),
                cs.getInt(NUMBER_OF_COMPLETED_SUBOPERATIONS, 0), cs.getInt(NUMBER_OF_FAILED_SUBOPERATIONS, 0),
                cs.getInt(NUMBER_OF_WARNING_SUBOPERATIONS, 0));
    }

    private static Status status(CommandSet cs) throws DimseException {
        Integer code = cs.getInt(STATUS);
        if (code == null) {
            throw new DimseException("response without (0000,0900) Status");
        }
        return new Status(code, cs.getString(ERROR_COMMENT));
    }

    private static int msgId(CommandSet cs) throws DimseException {
        return required(cs.getInt(MESSAGE_ID), MESSAGE_ID);
    }

    private static int respondedTo(CommandSet cs) throws DimseException {
        return required(cs.getInt(MESSAGE_ID_BEING_RESPONDED_TO), MESSAGE_ID_BEING_RESPONDED_TO);
    }

    private static String uid(CommandSet cs, CommandElement e) throws DimseException {
        return required(cs.getString(e), e);
    }

    private static <T> T required(T value, CommandElement e) throws DimseException {
        if (value == null) {
            throw new DimseException("command set without required " + e);
        }
        return value;
    }
}
