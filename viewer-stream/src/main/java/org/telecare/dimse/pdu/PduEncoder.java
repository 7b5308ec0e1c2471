package org.telecare.dimse.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes PDUs to their wire form (PS3.8 §9.3, all multi-byte fields big endian). */
public final class PduEncoder {

    private PduEncoder() {
    }

    public static byte[] encode(Pdu pdu) {
        Out body = new Out();
        switch (pdu) {
            case AAssociateRq rq -> associate(body, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle(),
                    rq.applicationContext(), () -> rq.presentationContexts().forEach(pc -> {
                        Out item = new Out();
                        item.u8(pc.id()).u8(0).u8(0).u8(0);
                        uidItem(item, 0x30, pc.abstractSyntax());
                        pc.transferSyntaxes().forEach(ts -> uidItem(item, 0x40, ts));
                        body.item16(0x20, item);
                    }), rq.userInformation());
            case AAssociateAc ac -> associate(body, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle(),
                    ac.applicationContext(), () -> ac.presentationContexts().forEach(pc -> {
                        Out item = new Out();
                        item.u8(pc.id()).u8(0).u8(pc.result()).u8(0);
                        if (pc.transferSyntax() != null) {
                            uidItem(item, 0x40, pc.transferSyntax());
                        }
                        body.item16(0x21, item);
                    }), ac.userInformation());
            case AAssociateRj rj -> body.u8(0).u8(rj.result()).u8(rj.source()).u8(rj.reason());
            case PDataTf p -> p.pdvs().forEach(pdv -> {
                body.u32(pdv.data().length + 2L).u8(pdv.presentationContextId()).u8(pdv.controlHeader());
                body.bytes(pdv.data());
            });
            case AReleaseRq _, AReleaseRp _ -> body.u32(0);
            case AAbort a -> body.u8(0).u8(0).u8(a.source()).u8(a.reason());
        }
        Out pduOut = new Out();
        pduOut.u8(pdu.type()).u8(0).u32(body.size());
        pduOut.bytes(body.toByteArray());
        return pduOut.toByteArray();
    }

    /** The header and item of a P-DATA-TF with one PDV, without copying the data twice. */
    public static byte[] pDataHeader(int presentationContextId, boolean command, boolean last, int dataLength) {
        Out out = new Out();
        out.u8(Pdu.P_DATA_TF).u8(0).u32(dataLength + 6L);
        out.u32(dataLength + 2L).u8(presentationContextId).u8((command ? 1 : 0) | (last ? 2 : 0));
        return out.toByteArray();
    }

    private static void associate(Out body, int version, String called, String calling, String appContext,
                                  Runnable presentationContexts, UserInformation ui) {
        body.u16(version).u16(0);
        body.bytes(AeTitle.encode(called)).bytes(AeTitle.encode(calling));
        body.bytes(new byte[32]);
        uidItem(body, 0x10, appContext);
        presentationContexts.run();
        body.item16(0x50, userInformation(ui));
    }

    private static Out userInformation(UserInformation ui) {
        Out out = new Out();
        Out max = new Out().u32(ui.maxPduLength());
        out.item16(UserInformation.ITEM_MAX_LENGTH, max);
        uidItem(out, UserInformation.ITEM_IMPLEMENTATION_CLASS_UID, ui.implementationClassUid());
        if (ui.asyncOps() != null) {
            out.item16(UserInformation.ITEM_ASYNC_OPS,
                    new Out().u16(ui.asyncOps().maxInvoked()).u16(ui.asyncOps().maxPerformed()));
        }
        for (UserInformation.RoleSelection r : ui.roleSelections()) {
            Out item = new Out();
            byte[] uid = ascii(r.sopClassUid());
            item.u16(uid.length).bytes(uid).u8(r.scuRole() ? 1 : 0).u8(r.scpRole() ? 1 : 0);
            out.item16(UserInformation.ITEM_ROLE_SELECTION, item);
        }
        if (ui.implementationVersion() != null) {
            out.item16(UserInformation.ITEM_IMPLEMENTATION_VERSION, new Out().bytes(ascii(ui.implementationVersion())));
        }
        for (UserInformation.ExtendedNegotiation e : ui.extendedNegotiations()) {
            byte[] uid = ascii(e.sopClassUid());
            out.item16(UserInformation.ITEM_EXTENDED_NEGOTIATION,
                    new Out().u16(uid.length).bytes(uid).bytes(e.applicationInformation()));
        }
        if (ui.userIdentityRq() != null) {
            UserInformation.UserIdentityRq id = ui.userIdentityRq();
            out.item16(UserInformation.ITEM_USER_IDENTITY_RQ, new Out().u8(id.identityType())
                    .u8(id.positiveResponseRequested() ? 1 : 0)
                    .u16(id.primaryField().length).bytes(id.primaryField())
                    .u16(id.secondaryField().length).bytes(id.secondaryField()));
        }
        if (ui.userIdentityAc() != null) {
            byte[] r = ui.userIdentityAc().serverResponse();
            out.item16(UserInformation.ITEM_USER_IDENTITY_AC, new Out().u16(r.length).bytes(r));
        }
        return out;
    }

    private static void uidItem(Out out, int type, String uid) {
        out.item16(type, new Out().bytes(ascii(uid)));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A big-endian byte sink. */
    private static final class Out extends ByteArrayOutputStream {
        Out u8(int v) {
            write(v);
            return this;
        }

        Out u16(int v) {
            write(v >>> 8);
            write(v);
            return this;
        }

        Out u32(long v) {
            write((int) (v >>> 24));
            write((int) (v >>> 16));
            write((int) (v >>> 8));
            write((int) v);
            return this;
        }

        Out bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        /** An item with a 1-byte type, a reserved byte and a 2-byte length (PS3.8 §9.3.2.x). */
        Out item16(int type, Out content) {
            if (content.size() > 0xFFFF) {
                throw new IllegalArgumentException("item " + Integer.toHexString(type) + " is longer than 65535 bytes");
            }
            u8(type).u8(0).u16(content.size());
            return bytes(content.toByteArray());
        }
    }
}
