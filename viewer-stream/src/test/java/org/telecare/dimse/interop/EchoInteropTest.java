package org.telecare.dimse.interop;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.telecare.dimse.association.AePolicy;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.scu.ScuAssociation;
import org.telecare.dimse.service.DicomServer;
import org.telecare.dimse.service.ServiceRegistry;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dimse.interop.TestSupport.await;

/** DCMTK {@code echoscu} against our Verification SCP (PS3.4 Annex A). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoInteropTest {
    static Vertx vertx;
    static DicomServer open;
    static DicomServer strict;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        AssociationConfig config = AssociationConfig.defaults().withAeTitle("TELECARE").withPort("127.0.0.1", 0);
        open = await(DicomServer.start(vertx, config, new ServiceRegistry()));
        strict = await(DicomServer.start(vertx, config.withAePolicy(AePolicy.only(Set.of("KNOWN"))), new ServiceRegistry()));
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @Test
    void echoscuSucceeds() {
        Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-v", "-aet", "ECHOSCU", "-aec", "TELECARE", "127.0.0.1",
                String.valueOf(open.port()));
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output()).contains("Received Echo Response (Success)");
    }

    @Test
    void echoscuWithWrongCalledAeIsRejected() {
        Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-aet", "ECHOSCU", "-aec", "NOBODY", "127.0.0.1",
                String.valueOf(open.port()));
        assertThat(r.ok()).isFalse();
        assertThat(r.output()).contains("Association Rejected").contains("Called AE Title Not Recognized");
    }

    @Test
    void unknownCallingAeIsRejectedByThePolicy() {
        Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-aet", "STRANGER", "-aec", "TELECARE", "127.0.0.1",
                String.valueOf(strict.port()));
        assertThat(r.ok()).isFalse();
        assertThat(r.output()).contains("Association Rejected").contains("Calling AE Title Not Recognized");

        Dcmtk.Result known = Dcmtk.run(30, "echoscu", "-aet", "KNOWN", "-aec", "TELECARE", "127.0.0.1",
                String.valueOf(strict.port()));
        assertThat(known.ok()).as(known.output()).isTrue();
    }

    @Test
    void associationsBeyondTheLimitAreRejectedTransiently() {
        AssociationConfig one = AssociationConfig.defaults().withPort("127.0.0.1", 0).withMaxAssociations(1);
        DicomServer limited = await(DicomServer.start(vertx, one, new ServiceRegistry()));
        ScuAssociation held = await(new DicomClient(vertx, AssociationConfig.defaults().withAeTitle("HOLDER"))
                .connect("127.0.0.1", limited.port(), "TELECARE", List.of(Offer.verification())));

        Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-aec", "TELECARE", "127.0.0.1", String.valueOf(limited.port()));
        assertThat(r.ok()).isFalse();
        assertThat(r.output()).contains("Association Rejected").contains("Rejected Transient").contains("Local Limit Exceeded");

        await(held.release());
        await(held.closeFuture());
        Dcmtk.Result after = Dcmtk.run(30, "echoscu", "-aec", "TELECARE", "127.0.0.1", String.valueOf(limited.port()));
        assertThat(after.ok()).as(after.output()).isTrue();
    }

    @Test
    void severalEchoesOnOneAssociation() {
        Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-v", "--repeat", "5", "-aec", "TELECARE", "127.0.0.1",
                String.valueOf(open.port()));
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output().split("Received Echo Response \\(Success\\)", -1)).hasSize(6);
    }
}
