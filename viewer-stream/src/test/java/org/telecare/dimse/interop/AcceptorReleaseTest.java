package org.telecare.dimse.interop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.message.CommandSet;
import org.telecare.dimse.message.Dimse;
import org.telecare.dimse.message.DimseCodec;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.pdu.AAssociateAc;
import org.telecare.dimse.pdu.AReleaseRp;
import org.telecare.dimse.pdu.AReleaseRq;
import org.telecare.dimse.pdu.PDataTf;
import org.telecare.dimse.pdu.Pdu;
import org.telecare.dimse.pdu.Pdv;
import org.telecare.dimse.service.DicomServer;
import org.telecare.dimse.service.ServiceRegistry;
import org.telecare.dimse.service.SopClasses;
import org.telecare.dimse.service.StoreHandler;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dimse.interop.TestSupport.await;

/** PS3.8 Sta8: an A-RELEASE-RQ that arrives while a store is still being made durable is answered after it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AcceptorReleaseTest {
    static Vertx vertx;
    static DicomServer server;
    static final AtomicReference<Promise<Status>> durable = new AtomicReference<>();
    static final CountDownLatch complete = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        StoreHandler slow = request -> new StoreHandler.StoreSink() {
            public Future<Void> write(Buffer fragment) {
                return Future.succeededFuture();
            }

            public Future<Status> complete() {
                Promise<Status> p = Promise.promise();
                durable.set(p);
                complete.countDown();
                return p.future();
            }

            public void abort(Throwable cause) {
            }
        };
        server = await(DicomServer.start(vertx, AssociationConfig.defaults().withPort("127.0.0.1", 0),
                new ServiceRegistry().store(slow, List.of(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE))));
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @Test
    void releaseRequestedDuringAStoreIsAnsweredAfterTheStoreResponse() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(RawPeer.associateRq("TELECARE", SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE,
                    TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN));
            assertThat(peer.read()).isInstanceOf(AAssociateAc.class);
            byte[] cmd = RawPeer.command(new Dimse.CStoreRq(1, SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, "1.2.3.4"), true);
            peer.send(PDataTf.of(new Pdv(1, true, true, cmd)));
            peer.send(PDataTf.of(new Pdv(1, false, true, new byte[100])));
            peer.send(new AReleaseRq());
            assertThat(complete.await(20, TimeUnit.SECONDS)).isTrue();
            durable.get().complete(Status.SUCCESS);

            Pdu first = peer.read();
            assertThat(first).isInstanceOf(PDataTf.class);
            Pdv rsp = ((PDataTf) first).pdvs().getFirst();
            assertThat(DimseCodec.decode(CommandSet.decode(rsp.data())))
                    .isEqualTo(new Dimse.CStoreRsp(1, SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, "1.2.3.4", Status.SUCCESS));
            assertThat(peer.read()).isInstanceOf(AReleaseRp.class);
        }
    }
}
