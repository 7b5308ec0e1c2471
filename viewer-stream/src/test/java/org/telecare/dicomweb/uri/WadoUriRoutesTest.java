package org.telecare.dicomweb.uri;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.dicomweb.DicomWebNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dicomweb.DicomWebNode.image;

/** WADO-URI (PS3.18 §9) for application/dicom over the archive module; rendered types are 406. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WadoUriRoutesTest {
    static final String Q = "/dicomweb/wado?requestType=WADO&studyUID=2.25.970&seriesUID=2.25.971&objectUID=2.25.972";
    DicomWebNode node;
    byte[] stored;

    @BeforeAll
    void start() throws Exception {
        node = new DicomWebNode();
        stored = node.part10(image("P-U", "Uri^Test", "2.25.970", "2.25.971", "2.25.972"));
        node.stow("store-a", stored);
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    @Test
    void theStoredObjectComesBackAsApplicationDicom() throws Exception {
        HttpResponse<byte[]> r = node.get(Q + "&contentType=application%2Fdicom", "doctor-a");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("application/dicom");
        assertThat(r.body()).isEqualTo(stored);
        assertThat(node.get(Q + "&contentType=application%2Fdicom&transferSyntax=1.2.840.10008.1.2.1", "doctor-a")
                .statusCode()).isEqualTo(200);
        assertThat(node.audit).anyMatch(s -> s.startsWith("doctor-a read instance 2.25.972 true"));
    }

    @Test
    void renderedTypesAndOtherSyntaxesAre406() throws Exception {
        HttpResponse<byte[]> jpeg = node.get(Q, "doctor-a");
        assertThat(jpeg.statusCode()).as("image/jpeg is the default").isEqualTo(406);
        assertThat(new String(jpeg.body())).contains("rendered");
        assertThat(node.get(Q + "&contentType=image%2Fpng", "doctor-a").statusCode()).isEqualTo(406);
        assertThat(node.get(Q + "&contentType=application%2Fdicom&transferSyntax=1.2.840.10008.1.2.4.50", "doctor-a")
                .statusCode()).isEqualTo(406);
    }

    @Test
    void badParametersAre400AndOthersStudiesAreDenied() throws Exception {
        assertThat(node.get("/dicomweb/wado?requestType=WADO&studyUID=2.25.970&seriesUID=2.25.971", "doctor-a")
                .statusCode()).isEqualTo(400);
        assertThat(node.get(Q.replace("WADO&", "WADX&") + "&contentType=application%2Fdicom", "doctor-a").statusCode())
                .isEqualTo(400);
        assertThat(node.get(Q.replace("2.25.972", "x'1") + "&contentType=application%2Fdicom", "doctor-a").statusCode())
                .isEqualTo(400);
        assertThat(node.get(Q + "&contentType=application%2Fdicom&rows=100", "doctor-a").statusCode()).isEqualTo(400);
        assertThat(node.get(Q.replace("2.25.972", "2.25.979") + "&contentType=application%2Fdicom", "doctor-a")
                .statusCode()).isEqualTo(404);
        assertThat(node.get(Q + "&contentType=application%2Fdicom", "doctor-b").statusCode()).isEqualTo(403);
        assertThat(node.get(Q + "&contentType=application%2Fdicom", null).statusCode()).isEqualTo(401);
    }
}
