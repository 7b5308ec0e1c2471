package org.telecare.dimse.scu;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.association.AssociationException;
import org.telecare.dimse.association.Implementation;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.pdu.AAbort;
import org.telecare.dimse.pdu.AAssociateAc;
import org.telecare.dimse.pdu.AAssociateRj;
import org.telecare.dimse.pdu.AAssociateRq;
import org.telecare.dimse.pdu.AReleaseRp;
import org.telecare.dimse.pdu.AReleaseRq;
import org.telecare.dimse.pdu.PDataTf;
import org.telecare.dimse.pdu.Pdu;
import org.telecare.dimse.pdu.PduDecoder;
import org.telecare.dimse.pdu.PduEncoder;
import org.telecare.dimse.pdu.PduException;
import org.telecare.dimse.pdu.PresentationContextAc;
import org.telecare.dimse.pdu.UserInformation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.dimse.interop.TestSupport.await;

/** The requestor side of the PS3.8 state machine against a scripted acceptor on a plain socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestorStateTest {
    static Vertx vertx;
    static DicomClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        client = new DicomClient(vertx, AssociationConfig.defaults().withAeTitle("REQUESTOR").withTimers(500, 0));
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    /** A scripted acceptor: one connection, blocking reads and writes. */
    static final class FakeAcceptor implements AutoCloseable {
        final ServerSocket server;
        Socket socket;
        final PduDecoder decoder = new PduDecoder(0);

        FakeAcceptor() throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            server.setSoTimeout(20_000);
        }

        int port() {
            return server.getLocalPort();
        }

        Pdu read() {
            try {
                if (socket == null) {
                    socket = server.accept();
                    socket.setSoTimeout(20_000);
                }
                byte[] buf = new byte[8192];
                while (true) {
                    Pdu pdu = decoder.next();
                    if (pdu != null) {
                        return pdu;
                    }
                    int n = socket.getInputStream().read(buf);
                    if (n < 0) {
                        return null;
                    }
                    decoder.feed(Arrays.copyOf(buf, n));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (PduException e) {
                throw new AssertionError(e);
            }
        }

        void send(Pdu pdu) {
            try {
                socket.getOutputStream().write(PduEncoder.encode(pdu));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads the A-ASSOCIATE-RQ and accepts its first context. */
        AAssociateRq accept() {
            AAssociateRq rq = (AAssociateRq) read();
            send(new AAssociateAc(1, rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext(),
                    List.of(new PresentationContextAc(1, 0, TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN)),
                    UserInformation.of(16384, "1.2.826.0.1.3680043.10.98", null)));
            return rq;
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
            }
            server.close();
        }
    }

    Future<ScuAssociation> connect(FakeAcceptor fake) {
        return client.connect("127.0.0.1", fake.port(), "FAKE", List.of(Offer.verification()));
    }

    @Test
    void requestCarriesOurIdentityAndRejectionFailsTheConnect() throws IOException {
        try (FakeAcceptor fake = new FakeAcceptor()) {
            Future<ScuAssociation> f = connect(fake);
            AAssociateRq rq = (AAssociateRq) fake.read();
            assertThat(rq.callingAeTitle()).isEqualTo("REQUESTOR");
            assertThat(rq.calledAeTitle()).isEqualTo("FAKE");
            assertThat(rq.userInformation().implementationClassUid()).isEqualTo(Implementation.CLASS_UID);
            assertThat(rq.userInformation().implementationVersion()).isEqualTo("TELECARE_0.1");
            fake.send(AAssociateRj.calledAeNotRecognized());
            assertThatThrownBy(() -> await(f)).isInstanceOf(AssociationException.class)
                    .satisfies(e -> assertThat(((AssociationException) e).rejection()).isEqualTo(new AAssociateRj(1, 1, 7)));
            assertThat(fake.read()).isNull();
        }
    }

    @Test
    void silentAcceptorIsAbortedWhenArtimExpires() throws IOException {
        try (FakeAcceptor fake = new FakeAcceptor()) {
            Future<ScuAssociation> f = connect(fake);
            assertThat(fake.read()).isInstanceOf(AAssociateRq.class);
            assertThat(fake.read()).isInstanceOf(AAbort.class);
            assertThatThrownBy(() -> await(f)).isInstanceOf(AssociationException.class);
        }
    }

    @Test
    void releaseCollisionOnTheRequestorSide() throws IOException {
        try (FakeAcceptor fake = new FakeAcceptor()) {
            Future<ScuAssociation> f = connect(fake);
            fake.accept();
            ScuAssociation a = await(f);
            Future<Void> released = a.release();
            assertThat(fake.read()).isInstanceOf(AReleaseRq.class);
            fake.send(new AReleaseRq());
            // PS3.8 Sta7 -> Sta9 (AR-8) -> AR-9: the requestor answers first, then waits in Sta11.
            assertThat(fake.read()).isInstanceOf(AReleaseRp.class);
            fake.send(new AReleaseRp());
            await(released);
            await(a.closeFuture());
        }
    }

    @Test
    void peerAbortFailsOutstandingOperations() throws IOException {
        try (FakeAcceptor fake = new FakeAcceptor()) {
            Future<ScuAssociation> f = connect(fake);
            fake.accept();
            ScuAssociation a = await(f);
            Future<Status> echo = a.echo();
            assertThat(fake.read()).isInstanceOf(PDataTf.class);
            fake.send(AAbort.user());
            assertThatThrownBy(() -> await(echo)).isInstanceOf(AssociationException.class)
                    .satisfies(e -> assertThat(((AssociationException) e).byPeer()).isTrue())
                    .satisfies(e -> assertThat(((AssociationException) e).abort()).isEqualTo(AAbort.user()));
            await(a.closeFuture());
        }
    }

    @Test
    void unexpectedPduIsAbortedAsUnexpected() throws IOException {
        try (FakeAcceptor fake = new FakeAcceptor()) {
            Future<ScuAssociation> f = connect(fake);
            AAssociateRq rq = fake.accept();
            await(f);
            fake.send(new AAssociateAc(1, rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext(), List.of(),
                    UserInformation.of(0, "1.2.3", null)));
            assertThat(fake.read()).isEqualTo(AAbort.provider(AAbort.REASON_UNEXPECTED_PDU));
        }
    }

    @Test
    void refusedConnectionIsATransportFailure() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> await(client.connect("127.0.0.1", port, "NOBODY", List.of(Offer.verification()))))
                .isInstanceOf(AssociationException.class).hasMessageContaining("cannot connect");
    }
}
