package org.telecare.dimse.service;

import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.Offer;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Our SCU and SCP on one Vert.x, fully non-blocking: several associations, several echoes each. */
@ExtendWith(VertxExtension.class)
class EchoScpTest {

    @Test
    @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
    void concurrentAssociationsEachEchoAndRelease(Vertx vertx, VertxTestContext ctx) {
        int associations = 5;
        Checkpoint echoed = ctx.checkpoint(associations * 3);
        Checkpoint released = ctx.checkpoint(associations);
        DicomClient client = new DicomClient(vertx, AssociationConfig.defaults().withAeTitle("ECHO_SCU"));
        DicomServer.start(vertx, AssociationConfig.defaults().withPort("127.0.0.1", 0), new ServiceRegistry())
                .onComplete(ctx.succeeding(server -> {
                    for (int i = 0; i < associations; i++) {
                        client.connect("127.0.0.1", server.port(), "TELECARE", List.of(Offer.verification()))
                                .onComplete(ctx.succeeding(a -> a.echo()
                                        .compose(s -> {
                                            ctx.verify(() -> assertThat(s).isEqualTo(Status.SUCCESS));
                                            echoed.flag();
                                            return a.echo();
                                        })
                                        .compose(s -> {
                                            echoed.flag();
                                            return a.echo();
                                        })
                                        .compose(s -> {
                                            ctx.verify(() -> assertThat(s).isEqualTo(Status.SUCCESS));
                                            echoed.flag();
                                            return a.release();
                                        })
                                        .onComplete(ctx.succeeding(v -> released.flag()))));
                    }
                }));
    }
}
