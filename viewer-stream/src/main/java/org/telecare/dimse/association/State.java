package org.telecare.dimse.association;

import org.telecare.dimse.pdu.AAbort;
import org.telecare.dimse.pdu.AAssociateAc;
import org.telecare.dimse.pdu.AAssociateRj;
import org.telecare.dimse.pdu.AAssociateRq;
import org.telecare.dimse.pdu.PDataTf;
import org.telecare.dimse.pdu.Pdu;
import org.telecare.dimse.pdu.PduException;

/**
 * The upper layer protocol machine states (PS3.8 §9.2, Table 9-10). Each state handles the
 * events the state table allows; every other PDU takes the one "unexpected PDU" path (AA-8:
 * A-ABORT, service-provider source). The actions are carried out by {@link Association}.
 *
 * <p>Sta3 (awaiting the local A-ASSOCIATE response) and Sta4 (awaiting transport connection
 * opening) are passed through synchronously: our acceptor decides at once, and the requestor's
 * socket handlers are installed only once the connection is open.
 */
enum State {
    /** Idle. */
    Sta1 {
        @Override
        void onPdu(Association a, Pdu pdu) {
            // Nothing is open any more: late bytes are dropped.
        }

        @Override
        void onInvalidPdu(Association a, PduException e) {
        }

        @Override
        void onTransportClosed(Association a) {
        }
    },
    /** Transport connection open (awaiting A-ASSOCIATE-RQ PDU). */
    Sta2 {
        @Override
        void onPdu(Association a, Pdu pdu) {
            switch (pdu) {
                case AAssociateRq rq -> a.ae6AssociateRequest(rq);
                case AAbort _ -> a.aa2Close();
                default -> a.aa1Abort(AAbort.provider(AAbort.REASON_UNEXPECTED_PDU), "unexpected " + pduName(pdu) + " in Sta2");
            }
        }

        @Override
        void onInvalidPdu(Association a, PduException e) {
            a.aa1Abort(e.toAbort(), e.getMessage());
        }

        @Override
        void onTransportClosed(Association a) {
            a.aa5Closed();
        }

        @Override
        void onArtimExpired(Association a) {
            a.aa2Close();
        }
    },
    /** Awaiting local A-ASSOCIATE response primitive. */
    Sta3,
    /** Awaiting transport connection opening to complete. */
    Sta4,
    /** Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU. */
    Sta5 {
        @Override
        void onPdu(Association a, Pdu pdu) {
            switch (pdu) {
                case AAssociateAc ac -> a.ae3Accepted(ac);
                case AAssociateRj rj -> a.ae4Rejected(rj);
                case AAbort abort -> a.aa3PeerAborted(abort);
                default -> a.aa8Abort(AAbort.provider(AAbort.REASON_UNEXPECTED_PDU), "unexpected " + pduName(pdu) + " in Sta5");
            }
        }

        @Override
        void onArtimExpired(Association a) {
            a.aa8Abort(AAbort.provider(AAbort.REASON_NOT_SPECIFIED), "no A-ASSOCIATE-AC within the ARTIM time");
        }
    },
    /** Association established and ready for data transfer. */
    Sta6 {
        @Override
        void onPdu(Association a, Pdu pdu) {
            switch (pdu) {
                case PDataTf p -> a.dt2Data(p);
                case org.telecare.dimse.pdu.AReleaseRq _ -> a.ar2ReleaseRequested();
                case AAbort abort -> a.aa3PeerAborted(abort);
                default -> unexpected(a, pdu);
            }
        }
    },
    /** Awaiting A-RELEASE-RP PDU. */
    Sta7 {
        @Override
        void onPdu(Association a, Pdu pdu) {
            switch (pdu) {
                case PDataTf p -> a.dt2Data(p);
                case org.telecare.dimse.pdu.AReleaseRp _ -> a.ar3Released();
                case org.telecare.dimse.pdu.AReleaseRq _ -> a.ar8Collision();
                case AAbort abort -> a.aa3PeerAborted(abort);
                default -> unexpected(a, pdu);
            }
        }
    },
    /** Awaiting local A-RELEASE response primitive. */
    Sta8,
    /** Release collision requestor side; awaiting A-RELEASE response primitive. */
    Sta9,
    /** Release collision acceptor side; awaiting A-RELEASE-RP PDU. */
    Sta10 {
        @Override
        void onPdu(Association a, Pdu pdu) {
            switch (pdu) {
                case org.telecare.dimse.pdu.AReleaseRp _ -> a.ar10CollisionConfirmed();
                case AAbort abort -> a.aa3PeerAborted(abort);
                default -> unexpected(a, pdu);
            }
        }
    },
    /** Release collision requestor side; awaiting A-RELEASE-RP PDU. */
    Sta11 {
        @Override
        void onPdu(Association a, Pdu pdu) {
            switch (pdu) {
                case org.telecare.dimse.pdu.AReleaseRp _ -> a.ar3Released();
                case AAbort abort -> a.aa3PeerAborted(abort);
                default -> unexpected(a, pdu);
            }
        }
    },
    /** Release collision acceptor side; awaiting A-RELEASE response primitive. */
    Sta12,
    /** Awaiting transport connection close indication. */
    Sta13 {
        @Override
        void onPdu(Association a, Pdu pdu) {
            switch (pdu) {
                case AAssociateRq _ -> a.aa7Abort();
                case AAbort _ -> a.aa2Close();
                default -> {
                    // AA-6: ignore the PDU.
                }
            }
        }

        @Override
        void onInvalidPdu(Association a, PduException e) {
            a.aa7Abort();
        }

        @Override
        void onTransportClosed(Association a) {
            a.ar5Closed();
        }

        @Override
        void onArtimExpired(Association a) {
            a.aa2Close();
        }
    };

    /** A decoded PDU arrived. Default: AA-3 for A-ABORT, AA-8 for everything else. */
    void onPdu(Association a, Pdu pdu) {
        if (pdu instanceof AAbort abort) {
            a.aa3PeerAborted(abort);
        } else {
            unexpected(a, pdu);
        }
    }

    /** Evt19: an unrecognized or invalid PDU. Default: AA-8 with the decoder's reason. */
    void onInvalidPdu(Association a, PduException e) {
        a.aa8Abort(e.toAbort(), e.getMessage());
    }

    /** Evt17: the transport closed. Default: AA-4, a provider-initiated abort indication. */
    void onTransportClosed(Association a) {
        a.aa4TransportLost();
    }

    /** Evt18: ARTIM expired; only meaningful in Sta2, Sta5 and Sta13. */
    void onArtimExpired(Association a) {
    }

    /** Whether a P-DATA request may be sent (PS3.8 Table 9-10: Evt9 in Sta6 and Sta8). */
    boolean canSendData() {
        return this == Sta6 || this == Sta8;
    }

    private static void unexpected(Association a, Pdu pdu) {
        a.aa8Abort(AAbort.provider(AAbort.REASON_UNEXPECTED_PDU), "unexpected " + pduName(pdu));
    }

    private static String pduName(Pdu pdu) {
        return pdu.getClass().getSimpleName();
    }
}
