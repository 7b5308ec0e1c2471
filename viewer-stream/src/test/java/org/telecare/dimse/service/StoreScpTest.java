package org.telecare.dimse.service;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.telecare.dimse.association.AePolicy;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.message.Payload;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.scu.ScuAssociation;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dimse.interop.TestSupport.await;

/** The C-STORE SCP contract: streamed fragments, response only after the handler's future (ARC-1). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreScpTest {
    static final String SC = SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE;
    static final String EVLE = TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN;

    static Vertx vertx;
    static DicomServer server;
    static final Queue<Integer> fragmentSizes = new ConcurrentLinkedQueue<>();
    static final AtomicReference<Promise<Status>> durable = new AtomicReference<>();
    static final CountDownLatch allBytesArrived = new CountDownLatch(1);
    static final Buffer received = Buffer.buffer();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        StoreHandler handler = request -> new StoreHandler.StoreSink() {
            public Future<Void> write(Buffer fragment) {
                fragmentSizes.add(fragment.length());
                received.appendBuffer(fragment);
                // A slow disk: each fragment completes a little later, pushing back on the sender.
                return vertx.timer(1).mapEmpty();
            }

            public Future<Status> complete() {
                Promise<Status> p = Promise.promise();
                durable.set(p);
                allBytesArrived.countDown();
                return p.future();
            }

            public void abort(Throwable cause) {
            }
        };
        JsonObject dicom = new JsonObject().put("aeTitle", "STORE_SCP").put("host", "127.0.0.1").put("port", 0)
                .put("maxPduLength", 8192);
        server = await(DicomServer.start(vertx, dicom, AePolicy.ANY, new ServiceRegistry().store(handler, List.of(SC))));
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @Test
    void responseWaitsForTheHandlersDurableFuture() throws InterruptedException {
        assertThat(server.aeTitle()).isEqualTo("STORE_SCP");
        ScuAssociation a = await(new DicomClient(vertx, AssociationConfig.defaults().withAeTitle("MODALITY"))
                .connect("127.0.0.1", server.port(), "STORE_SCP", List.of(Offer.of(SC, EVLE))));
        byte[] data = new byte[100_000];
        new java.util.Random(1).nextBytes(data);
        Future<Status> stored = a.store(SC, "1.2.826.0.1.3680043.10.60.1", EVLE, Payload.of(Buffer.buffer(data)));

        assertThat(allBytesArrived.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(stored.isComplete()).as("no C-STORE-RSP before the object is durable").isFalse();
        durable.get().complete(Status.SUCCESS);
        assertThat(await(stored)).isEqualTo(Status.SUCCESS);

        assertThat(received.getBytes()).isEqualTo(data);
        assertThat(fragmentSizes).hasSizeGreaterThan(10).allMatch(n -> n <= 8192 - 6);
        await(a.release());
    }
}
