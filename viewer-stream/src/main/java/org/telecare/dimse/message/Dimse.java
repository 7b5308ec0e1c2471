package org.telecare.dimse.message;

/**
 * A DIMSE-C message (PS3.7 §9.3): a request or a response. Whether a data set follows the
 * command is a property of the message on the wire ((0000,0800)), see {@link DimseCodec}.
 */
public sealed interface Dimse permits Dimse.Request, Dimse.Response {

    int C_STORE_RQ = 0x0001;
    int C_STORE_RSP = 0x8001;
    int C_GET_RQ = 0x0010;
    int C_GET_RSP = 0x8010;
    int C_FIND_RQ = 0x0020;
    int C_FIND_RSP = 0x8020;
    int C_MOVE_RQ = 0x0021;
    int C_MOVE_RSP = 0x8021;
    int C_ECHO_RQ = 0x0030;
    int C_ECHO_RSP = 0x8030;
    int C_CANCEL_RQ = 0x0FFF;

    /** (0000,0100) Command Field (PS3.7 Annex E). */
    int commandField();

    /** The SOP class the message is about, or {@code null} (C-CANCEL). */
    String sopClassUid();

    /** A request; {@link #messageId()} is (0000,0110). */
    sealed interface Request extends Dimse permits CEchoRq, CStoreRq, CFindRq, CGetRq, CMoveRq, CCancelRq {
        int messageId();

        /** The response of the matching type with this status (and counts for C-MOVE/C-GET). */
        default Response response(Status status, SubOperations counts) {
            return switch (this) {
                case CEchoRq m -> new CEchoRsp(m.messageId(), m.sopClassUid(), status);
                case CStoreRq m -> new CStoreRsp(m.messageId(), m.sopClassUid(), m.sopInstanceUid(), status);
                case CFindRq m -> new CFindRsp(m.messageId(), m.sopClassUid(), status);
                case CMoveRq m -> new CMoveRsp(m.messageId(), m.sopClassUid(), status, counts);
                case CGetRq m -> new CGetRsp(m.messageId(), m.sopClassUid(), status, counts);
                case CCancelRq m -> throw new IllegalArgumentException("C-CANCEL has no response");
            };
        }
    }

    /** A response; {@link #messageIdBeingRespondedTo()} is (0000,0120). */
    sealed interface Response extends Dimse permits CEchoRsp, CStoreRsp, CFindRsp, CGetRsp, CMoveRsp {
        int messageIdBeingRespondedTo();

        Status status();
    }

    /** C-ECHO-RQ (PS3.7 §9.3.5.1). */
    record CEchoRq(int messageId, String sopClassUid) implements Request {
        public int commandField() {
            return C_ECHO_RQ;
        }
    }

    /** C-ECHO-RSP (PS3.7 §9.3.5.2). */
    record CEchoRsp(int messageIdBeingRespondedTo, String sopClassUid, Status status) implements Response {
        public int commandField() {
            return C_ECHO_RSP;
        }
    }

    /**
     * C-STORE-RQ (PS3.7 §9.3.1.1). The move originator fields are set when the store is a
     * C-MOVE sub-operation.
     */
    record CStoreRq(int messageId, String sopClassUid, String sopInstanceUid, Priority priority,
                    String moveOriginatorAeTitle, Integer moveOriginatorMessageId) implements Request {
        public CStoreRq(int messageId, String sopClassUid, String sopInstanceUid) {
            this(messageId, sopClassUid, sopInstanceUid, Priority.MEDIUM, null, null);
        }

        public int commandField() {
            return C_STORE_RQ;
        }
    }

    /** C-STORE-RSP (PS3.7 §9.3.1.2). */
    record CStoreRsp(int messageIdBeingRespondedTo, String sopClassUid, String sopInstanceUid, Status status)
            implements Response {
        public int commandField() {
            return C_STORE_RSP;
        }
    }

    /** C-FIND-RQ (PS3.7 §9.3.2.1); the identifier follows as the data set. */
    record CFindRq(int messageId, String sopClassUid, Priority priority) implements Request {
        public int commandField() {
            return C_FIND_RQ;
        }
    }

    /** C-FIND-RSP (PS3.7 §9.3.2.2); pending responses carry an identifier. */
    record CFindRsp(int messageIdBeingRespondedTo, String sopClassUid, Status status) implements Response {
        public int commandField() {
            return C_FIND_RSP;
        }
    }

    /** C-GET-RQ (PS3.7 §9.3.3.1); the identifier follows as the data set. */
    record CGetRq(int messageId, String sopClassUid, Priority priority) implements Request {
        public int commandField() {
            return C_GET_RQ;
        }
    }

    /** C-GET-RSP (PS3.7 §9.3.3.2). */
    record CGetRsp(int messageIdBeingRespondedTo, String sopClassUid, Status status, SubOperations subOperations)
            implements Response {
        public int commandField() {
            return C_GET_RSP;
        }
    }

    /** C-MOVE-RQ (PS3.7 §9.3.4.1); the identifier follows as the data set. */
    record CMoveRq(int messageId, String sopClassUid, Priority priority, String moveDestination) implements Request {
        public int commandField() {
            return C_MOVE_RQ;
        }
    }

    /** C-MOVE-RSP (PS3.7 §9.3.4.2). */
    record CMoveRsp(int messageIdBeingRespondedTo, String sopClassUid, Status status, SubOperations subOperations)
            implements Response {
        public int commandField() {
            return C_MOVE_RSP;
        }
    }

    /** C-CANCEL-RQ (PS3.7 §9.3.2.3, §9.3.3.3, §9.3.4.3): cancels the operation with that message id. */
    record CCancelRq(int messageIdBeingRespondedTo) implements Request {
        public int messageId() {
            return messageIdBeingRespondedTo;
        }

        public int commandField() {
            return C_CANCEL_RQ;
        }

        public String sopClassUid() {
            return null;
        }
    }
}
