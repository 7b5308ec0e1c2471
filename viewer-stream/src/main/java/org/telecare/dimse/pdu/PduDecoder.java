package org.telecare.dimse.pdu;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames PDUs out of a transport byte stream (PS3.8 §9.3.1: 6-byte header of type, reserved,
 * 4-byte big-endian length) and decodes them. Stateful and not thread-safe: one decoder per
 * connection, used from that connection's thread only.
 *
 * <p>Memory is bounded: a P-DATA-TF longer than our maximum receive length, and any other PDU
 * longer than {@link #MAX_CONTROL_PDU_LENGTH}, is refused from its header alone, before its body
 * is buffered. After the first {@link PduException} the decoder refuses all further input.
 */
public final class PduDecoder {

    /** Cap for the association PDUs (RQ/AC with many presentation contexts and an identity token). */
    public static final int MAX_CONTROL_PDU_LENGTH = 1 << 20;
    /** What we accept when we announced "no limit" (max length 0). */
    public static final int UNLIMITED_PDATA_CAP = 64 << 20;

    private final long maxPDataLength;
    private byte[] buf = new byte[8192];
    private int start;
    private int end;
    private boolean failed;

    /** @param maxReceivePduLength the max PDU length we announced in our 51h sub-item; 0 = no limit */
    public PduDecoder(long maxReceivePduLength) {
        this.maxPDataLength = maxReceivePduLength == 0 ? UNLIMITED_PDATA_CAP : maxReceivePduLength;
    }

    /** Appends received bytes. */
    public void feed(byte[] bytes) {
        int n = bytes.length;
        if (end + n > buf.length) {
            int live = end - start;
            if (live + n <= buf.length) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] bigger = new byte[Math.max(buf.length * 2, live + n)];
                System.arraycopy(buf, start, bigger, 0, live);
                buf = bigger;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(bytes, 0, buf, end, n);
        end += n;
    }

    /** Bytes received but not yet decoded, e.g. a truncated PDU at end of stream. */
    public int pending() {
        return end - start;
    }

    /** The next complete PDU, or {@code null} when more bytes are needed. */
    public Pdu next() throws PduException {
        if (failed) {
            throw PduException.invalid("the stream is already broken");
        }
        if (end - start < 6) {
            return null;
        }
        try {
            int type = buf[start] & 0xFF;
            long length = ((long) (buf[start + 2] & 0xFF) << 24) | ((buf[start + 3] & 0xFF) << 16)
                    | ((buf[start + 4] & 0xFF) << 8) | (buf[start + 5] & 0xFF);
            checkHeader(type, length);
            if (end - start < 6 + length) {
                return null;
            }
            ByteBuffer body = ByteBuffer.wrap(buf, start + 6, (int) length).slice();
            Pdu pdu = decodeBody(type, body);
            start += 6 + (int) length;
            if (start == end) {
                start = 0;
                end = 0;
                if (buf.length > 1 << 16) {
                    buf = new byte[8192];
                }
            }
            return pdu;
        } catch (PduException e) {
            failed = true;
            throw e;
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            failed = true;
            throw PduException.invalid("an item overruns its PDU");
        } catch (IllegalArgumentException e) {
            failed = true;
            throw PduException.invalid(e.getMessage());
        }
    }

    private void checkHeader(int type, long length) throws PduException {
        switch (type) {
            case Pdu.A_ASSOCIATE_RQ, Pdu.A_ASSOCIATE_AC -> {
                if (length < 68 || length > MAX_CONTROL_PDU_LENGTH) {
                    throw PduException.invalid("A-ASSOCIATE PDU length " + length + " out of range");
                }
            }
            case Pdu.A_ASSOCIATE_RJ, Pdu.A_RELEASE_RQ, Pdu.A_RELEASE_RP, Pdu.A_ABORT -> {
                if (length != 4) {
                    throw PduException.invalid("PDU type " + type + " must have length 4, has " + length);
                }
            }
            case Pdu.P_DATA_TF -> {
                if (length < 6 || length > maxPDataLength) {
                    throw PduException.invalid("P-DATA-TF length " + length + " exceeds the maximum " + maxPDataLength);
                }
            }
            default -> throw PduException.unrecognized("unrecognized PDU type 0x" + Integer.toHexString(type));
        }
    }

    private static Pdu decodeBody(int type, ByteBuffer b) throws PduException {
        return switch (type) {
            case Pdu.A_ASSOCIATE_RQ, Pdu.A_ASSOCIATE_AC -> associate(type, b);
            case Pdu.A_ASSOCIATE_RJ -> {
                b.get();
                yield new AAssociateRj(b.get() & 0xFF, b.get() & 0xFF, b.get() & 0xFF);
            }
            case Pdu.P_DATA_TF -> pData(b);
            case Pdu.A_RELEASE_RQ -> new AReleaseRq();
            case Pdu.A_RELEASE_RP -> new AReleaseRp();
            case Pdu.A_ABORT -> {
                b.getShort();
                yield new AAbort(b.get() & 0xFF, b.get() & 0xFF);
            }
            default -> throw PduException.unrecognized("unrecognized PDU type " + type);
        };
    }

    private static PDataTf pData(ByteBuffer b) throws PduException {
        List<Pdv> pdvs = new ArrayList<>(2);
        while (b.hasRemaining()) {
            long itemLength = b.getInt() & 0xFFFFFFFFL;
            if (itemLength < 2 || itemLength > b.remaining()) {
                throw PduException.invalid("PDV item length " + itemLength + " overruns its P-DATA-TF");
            }
            int pcId = b.get() & 0xFF;
            int header = b.get() & 0xFF;
            if (pcId % 2 == 0 || (header & 0xFC) != 0) {
                throw PduException.invalid("bad PDV: context " + pcId + ", control header " + header);
            }
            byte[] data = new byte[(int) itemLength - 2];
            b.get(data);
            pdvs.add(new Pdv(pcId, (header & 1) != 0, (header & 2) != 0, data));
        }
        return new PDataTf(pdvs);
    }

    private static Pdu associate(int type, ByteBuffer b) throws PduException {
        int version = b.getShort() & 0xFFFF;
        b.getShort();
        byte[] called = new byte[16];
        byte[] calling = new byte[16];
        b.get(called).get(calling);
        b.position(b.position() + 32);
        String called16 = AeTitle.decode(called);
        String calling16 = AeTitle.decode(calling);
        String appContext = null;
        List<PresentationContextRq> rqContexts = new ArrayList<>();
        List<PresentationContextAc> acContexts = new ArrayList<>();
        UserInformation ui = null;
        while (b.hasRemaining()) {
            int itemType = b.get() & 0xFF;
            b.get();
            ByteBuffer item = sub(b, b.getShort() & 0xFFFF);
            switch (itemType) {
                case 0x10 -> appContext = uid(item);
                case 0x20 -> {
                    if (type != Pdu.A_ASSOCIATE_RQ) {
                        throw PduException.invalid("item 20h in an A-ASSOCIATE-AC");
                    }
                    rqContexts.add(presentationContextRq(item));
                }
                case 0x21 -> {
                    if (type != Pdu.A_ASSOCIATE_AC) {
                        throw PduException.invalid("item 21h in an A-ASSOCIATE-RQ");
                    }
                    acContexts.add(presentationContextAc(item));
                }
                case 0x50 -> ui = userInformation(item);
                default -> {
                    // PS3.8 §9.3.1: items of unknown type are ignored.
                }
            }
        }
        if (appContext == null) {
            throw PduException.invalid("no application context item");
        }
        if (ui == null) {
            throw PduException.invalid("no user information item");
        }
        return type == Pdu.A_ASSOCIATE_RQ
                ? new AAssociateRq(version, called16, calling16, appContext, rqContexts, ui)
                : new AAssociateAc(version, called16, calling16, appContext, acContexts, ui);
    }

    private static PresentationContextRq presentationContextRq(ByteBuffer item) throws PduException {
        int id = item.get() & 0xFF;
        item.get();
        item.get();
        item.get();
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (item.hasRemaining()) {
            int subType = item.get() & 0xFF;
            item.get();
            ByteBuffer sub = sub(item, item.getShort() & 0xFFFF);
            switch (subType) {
                case 0x30 -> {
                    if (abstractSyntax != null) {
                        throw PduException.invalid("two abstract syntaxes in presentation context " + id);
                    }
                    abstractSyntax = uid(sub);
                }
                case 0x40 -> transferSyntaxes.add(uid(sub));
                default -> throw new PduException(AAbort.REASON_UNRECOGNIZED_PDU_PARAMETER,
                        "unknown sub-item " + subType + " in presentation context " + id);
            }
        }
        if (abstractSyntax == null) {
            throw PduException.invalid("presentation context " + id + " has no abstract syntax");
        }
        return new PresentationContextRq(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextAc presentationContextAc(ByteBuffer item) throws PduException {
        int id = item.get() & 0xFF;
        item.get();
        int result = item.get() & 0xFF;
        item.get();
        String ts = null;
        while (item.hasRemaining()) {
            int subType = item.get() & 0xFF;
            item.get();
            ByteBuffer sub = sub(item, item.getShort() & 0xFFFF);
            if (subType == 0x40) {
                ts = sub.hasRemaining() ? uid(sub) : null;
            }
        }
        if (result == PresentationContextAc.RESULT_ACCEPTANCE && ts == null) {
            throw PduException.invalid("accepted presentation context " + id + " has no transfer syntax");
        }
        return new PresentationContextAc(id, result, result == PresentationContextAc.RESULT_ACCEPTANCE ? ts : null);
    }

    private static UserInformation userInformation(ByteBuffer item) throws PduException {
        Long max = null;
        String implUid = null;
        String version = null;
        UserInformation.AsyncOps async = null;
        List<UserInformation.RoleSelection> roles = new ArrayList<>();
        List<UserInformation.ExtendedNegotiation> ext = new ArrayList<>();
        UserInformation.UserIdentityRq idRq = null;
        UserInformation.UserIdentityAc idAc = null;
        while (item.hasRemaining()) {
            int subType = item.get() & 0xFF;
            item.get();
            ByteBuffer sub = sub(item, item.getShort() & 0xFFFF);
            switch (subType) {
                case UserInformation.ITEM_MAX_LENGTH -> {
                    max = sub.getInt() & 0xFFFFFFFFL;
                }
                case UserInformation.ITEM_IMPLEMENTATION_CLASS_UID -> implUid = uid(sub);
                case UserInformation.ITEM_ASYNC_OPS ->
                        async = new UserInformation.AsyncOps(sub.getShort() & 0xFFFF, sub.getShort() & 0xFFFF);
                case UserInformation.ITEM_ROLE_SELECTION -> {
                    String uid = uid(sub(sub, sub.getShort() & 0xFFFF));
                    roles.add(new UserInformation.RoleSelection(uid, sub.get() != 0, sub.get() != 0));
                }
                case UserInformation.ITEM_IMPLEMENTATION_VERSION -> version = text(sub).strip();
                case UserInformation.ITEM_EXTENDED_NEGOTIATION -> {
                    String uid = uid(sub(sub, sub.getShort() & 0xFFFF));
                    byte[] info = new byte[sub.remaining()];
                    sub.get(info);
                    ext.add(new UserInformation.ExtendedNegotiation(uid, info));
                }
                case UserInformation.ITEM_USER_IDENTITY_RQ -> {
                    int idType = sub.get() & 0xFF;
                    boolean positive = sub.get() != 0;
                    byte[] primary = bytes(sub(sub, sub.getShort() & 0xFFFF));
                    byte[] secondary = sub.hasRemaining() ? bytes(sub(sub, sub.getShort() & 0xFFFF)) : new byte[0];
                    idRq = new UserInformation.UserIdentityRq(idType, positive, primary, secondary);
                }
                case UserInformation.ITEM_USER_IDENTITY_AC ->
                        idAc = new UserInformation.UserIdentityAc(bytes(sub(sub, sub.getShort() & 0xFFFF)));
                default -> {
                    // PS3.7 Annex D.3.3: sub-items that are not understood are ignored.
                }
            }
        }
        if (max == null) {
            throw PduException.invalid("user information has no maximum length sub-item (51h)");
        }
        if (implUid == null) {
            throw PduException.invalid("user information has no implementation class UID (52h)");
        }
        if (version != null && (version.isEmpty() || version.length() > 16)) {
            version = null;
        }
        return new UserInformation(max, implUid, version, async, roles, ext, idRq, idAc);
    }

    /** A view of the next {@code length} bytes, advancing the parent past them. */
    private static ByteBuffer sub(ByteBuffer parent, int length) throws PduException {
        if (length > parent.remaining()) {
            throw PduException.invalid("an item of " + length + " bytes overruns its parent (" + parent.remaining() + " left)");
        }
        ByteBuffer s = parent.slice(parent.position(), length);
        parent.position(parent.position() + length);
        return s;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static String text(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.US_ASCII);
    }

    /** A UID value; a trailing NUL or space pad (sent by some implementations) is dropped. */
    private static String uid(ByteBuffer b) throws PduException {
        String s = text(b);
        int len = s.length();
        while (len > 0 && (s.charAt(len - 1) == '\0' || s.charAt(len - 1) == ' ')) {
            len--;
        }
        s = s.substring(0, len);
        try {
            return PduChecks.uid(s, "UID item");
        } catch (IllegalArgumentException e) {
            throw PduException.invalid(e.getMessage() + " (" + Arrays.toString(s.getBytes(StandardCharsets.US_ASCII)) + ")");
        }
    }
}
