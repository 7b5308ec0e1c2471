package org.telecare.dimse.pdu;

/**
 * An upper layer protocol data unit (PS3.8 §9.3). The PDU type byte is the first byte of the
 * 6-byte header (type, reserved, 4-byte big-endian length).
 */
public sealed interface Pdu permits AAssociateRq, AAssociateAc, AAssociateRj, PDataTf, AReleaseRq, AReleaseRp, AAbort {

    int A_ASSOCIATE_RQ = 0x01;
    int A_ASSOCIATE_AC = 0x02;
    int A_ASSOCIATE_RJ = 0x03;
    int P_DATA_TF = 0x04;
    int A_RELEASE_RQ = 0x05;
    int A_RELEASE_RP = 0x06;
    int A_ABORT = 0x07;

    /** The PDU-type field (PS3.8 Table 9-11 and following). */
    int type();
}
