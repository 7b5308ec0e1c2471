package org.telecare.dimse.interop;

import org.telecare.dimse.message.Dimse;
import org.telecare.dimse.message.DimseCodec;
import org.telecare.dimse.pdu.AAssociateRq;
import org.telecare.dimse.pdu.Pdu;
import org.telecare.dimse.pdu.PduDecoder;
import org.telecare.dimse.pdu.PduEncoder;
import org.telecare.dimse.pdu.PduException;
import org.telecare.dimse.pdu.PresentationContextRq;
import org.telecare.dimse.pdu.UserInformation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/** A misbehaving peer on a plain blocking socket, for fault tests. */
public final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final PduDecoder decoder = new PduDecoder(0);

    public RawPeer(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawPeer send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawPeer send(Pdu pdu) {
        return send(PduEncoder.encode(pdu));
    }

    /** The next PDU from the server, or {@code null} when it closed the connection. */
    public Pdu read() {
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            while (true) {
                Pdu pdu = decoder.next();
                if (pdu != null) {
                    return pdu;
                }
                int n = in.read(buf);
                if (n < 0) {
                    return null;
                }
                decoder.feed(java.util.Arrays.copyOf(buf, n));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no PDU from the server within the socket timeout");
        } catch (IOException e) {
            return null;
        } catch (PduException e) {
            throw new AssertionError("server sent an invalid PDU", e);
        }
    }

    /** Reads until the server closes the connection; returns whether it did (any PDUs before are skipped). */
    public boolean closedByServer() {
        for (int i = 0; i < 100; i++) {
            if (read() == null) {
                return true;
            }
        }
        return false;
    }

    public static AAssociateRq associateRq(String calledAe, String abstractSyntax, String transferSyntax) {
        return new AAssociateRq(1, calledAe, "RAWPEER", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, abstractSyntax, List.of(transferSyntax))),
                UserInformation.of(16384, "1.2.826.0.1.3680043.10.99", "RAWPEER"));
    }

    public static byte[] command(Dimse message, boolean withDataSet) {
        return DimseCodec.encode(message, withDataSet).encode();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
