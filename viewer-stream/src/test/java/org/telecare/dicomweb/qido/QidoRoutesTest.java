package org.telecare.dicomweb.qido;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dicomweb.DicomWebNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dicomweb.DicomWebNode.image;

/**
 * QIDO-RS over the archive module's index with real stored objects: hospital A's studies come in
 * over STOW-RS, one of hospital B's over C-STORE from REMOTE_B, which hospital A's doctors must
 * never see, nor a VIP patient's once marked; paging counts only what the caller can see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QidoRoutesTest {
    DicomWebNode node;
    /** Hospital A's ten studies 2.25.900 … 2.25.909 and B's 2.25.950 (filed between them by date). */
    final List<String> visible = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        node = new DicomWebNode();
        for (int i = 0; i < 10; i++) {
            String study = "2.25.90" + i;
            Attributes ds = image("PID-" + i, i == 0 ? "Zhang^San=张^三" : "Patient^" + i, study, study + ".1", study + ".1.1");
            ds.putString(Tag.STUDY_DATE, VR.DA, "202401" + String.format("%02d", 10 + i));
            ds.putString(Tag.MODALITY, VR.CS, i % 2 == 0 ? "CT" : "MR");
            Attributes second = image("PID-" + i, i == 0 ? "Zhang^San=张^三" : "Patient^" + i, study, study + ".1", study + ".1.2");
            second.putString(Tag.STUDY_DATE, VR.DA, "202401" + String.format("%02d", 10 + i));
            second.putString(0x00200013, VR.IS, "8");
            second.putString(Tag.MODALITY, VR.CS, i % 2 == 0 ? "CT" : "MR");
            node.stow("store-a", node.part10(ds), node.part10(second));
            visible.add(study);
        }
        Attributes b = image("PID-B", "Zhang^Bei=张^北", "2.25.950", "2.25.950.1", "2.25.950.1.1");
        b.putString(Tag.STUDY_DATE, VR.DA, "20240115");
        node.storescu("REMOTE_B", node.write(b, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    HttpResponse<byte[]> qido(String pathAndQuery, String user) throws Exception {
        return node.get("/dicomweb" + pathAndQuery, user, "Accept", "application/dicom+json");
    }

    static JsonArray json(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("application/dicom+json");
        return new JsonArray(Buffer.buffer(r.body()));
    }

    static List<String> values(JsonArray a, String tag) {
        List<String> out = new ArrayList<>();
        a.forEach(o -> out.add(String.valueOf(((JsonObject) o).getJsonObject(tag).getJsonArray("Value").getValue(0))));
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void studiesOfAnotherHospitalAreNeverListedAndTheSearchIsAuditedOnce() throws Exception {
        int before = node.audit.size();
        JsonArray all = json(qido("/studies", "doctor-a"));
        assertThat(values(all, "0020000D")).containsExactlyInAnyOrderElementsOf(visible);
        assertThat(node.audit.size() - before).isEqualTo(1);
        assertThat(node.audit.getLast()).startsWith("doctor-a read query /api/v1/dicomweb/studies true 10 rows")
                .contains("1 rows hidden");
        assertThat(values(json(qido("/studies", "doctor-b")), "0020000D")).containsExactly("2.25.950");
        assertThat(qido("/studies?StudyInstanceUID=2.25.950", "doctor-a").statusCode()).isEqualTo(204);
        assertThat(qido("/studies", null).statusCode()).isEqualTo(401);
    }

    @Test
    void chineseNamesDateRangesTagsAndUidListsMatch() throws Exception {
        JsonArray zhang = json(qido("/studies?PatientName=" + enc("张*"), "doctor-a"));
        assertThat(values(zhang, "0020000D")).containsExactly("2.25.900");
        JsonObject pn = zhang.getJsonObject(0).getJsonObject("00100010");
        assertThat(pn.getString("vr")).isEqualTo("PN");
        assertThat(pn.getJsonArray("Value").getJsonObject(0).getString("Alphabetic")).isEqualTo("Zhang^San");
        assertThat(pn.getJsonArray("Value").getJsonObject(0).getString("Ideographic")).isEqualTo("张^三");
        assertThat(zhang.getJsonObject(0).getJsonObject("00080005").getJsonArray("Value").getString(0)).isEqualTo("ISO_IR 192");
        assertThat(zhang.getJsonObject(0).getJsonObject("00081190").getJsonArray("Value").getString(0))
                .endsWith("/api/v1/dicomweb/studies/2.25.900");
        assertThat(zhang.getJsonObject(0).getJsonObject("00201208").getJsonArray("Value").getInteger(0))
                .as("IS as a JSON number").isEqualTo(2);

        assertThat(values(json(qido("/studies?StudyDate=20240112-20240114", "doctor-a")), "0020000D"))
                .containsExactlyInAnyOrder("2.25.902", "2.25.903", "2.25.904");
        assertThat(values(json(qido("/studies?00100020=PID-5", "doctor-a")), "0020000D")).containsExactly("2.25.905");
        assertThat(values(json(qido("/studies?StudyInstanceUID=2.25.901,2.25.907,2.25.950", "doctor-a")), "0020000D"))
                .containsExactlyInAnyOrder("2.25.901", "2.25.907");
        assertThat(values(json(qido("/studies?ModalitiesInStudy=MR&StudyDate=20240110-20240113", "doctor-a")),
                "0020000D")).containsExactlyInAnyOrder("2.25.901", "2.25.903");
        assertThat(values(json(qido("/studies?PatientName=zhang*&fuzzymatching=true", "doctor-a")), "0020000D"))
                .containsExactly("2.25.900");
    }

    @Test
    void limitAndOffsetPageOverWhatTheCallerMaySee() throws Exception {
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 12; offset += 3) {
            HttpResponse<byte[]> r = qido("/studies?limit=3&offset=" + offset, "doctor-a");
            if (offset >= 10) {
                assertThat(r.statusCode()).isEqualTo(204);
                continue;
            }
            JsonArray page = json(r);
            assertThat(page.size()).isEqualTo(Math.min(3, 10 - offset));
            paged.addAll(values(page, "0020000D"));
        }
        assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(visible);
        assertThat(values(json(qido("/studies", "doctor-a")), "0020000D")).containsExactlyElementsOf(paged);
    }

    @Test
    void seriesAndInstanceLevelsWithAndWithoutTheStudy() throws Exception {
        JsonArray series = json(qido("/studies/2.25.903/series", "doctor-a"));
        assertThat(values(series, "0020000E")).containsExactly("2.25.903.1");
        assertThat(series.getJsonObject(0).getJsonObject("00201209").getJsonArray("Value").getInteger(0)).isEqualTo(2);
        assertThat(values(json(qido("/series?Modality=CT", "doctor-a")), "0020000E")).hasSize(5);
        JsonArray instances = json(qido("/studies/2.25.903/series/2.25.903.1/instances", "doctor-a"));
        assertThat(values(instances, "00080018")).containsExactlyInAnyOrder("2.25.903.1.1", "2.25.903.1.2");
        assertThat(instances.getJsonObject(0).getJsonObject("00081190").getJsonArray("Value").getString(0))
                .contains("/studies/2.25.903/series/2.25.903.1/instances/");
        assertThat(values(json(qido("/studies/2.25.903/instances?InstanceNumber=8", "doctor-a")), "00080018"))
                .containsExactly("2.25.903.1.2");
        assertThat(values(json(qido("/instances?SOPInstanceUID=2.25.905.1.1", "doctor-a")), "0020000D"))
                .containsExactly("2.25.905");
        assertThat(qido("/studies/2.25.950/series", "doctor-a").statusCode()).as("B's study, hidden").isEqualTo(204);
        assertThat(qido("/instances?SOPInstanceUID=2.25.950.1.1", "doctor-a").statusCode()).isEqualTo(204);
    }

    @Test
    void includefieldAllAndUnsupportedFieldsWithAWarning() throws Exception {
        JsonObject all = json(qido("/studies?StudyInstanceUID=2.25.904&includefield=all", "doctor-a")).getJsonObject(0);
        assertThat(all.fieldNames()).contains("00100030", "00201206", "00080061", "00100040")
                .doesNotContain("00020016", "0020000E");
        HttpResponse<byte[]> r = qido("/studies?StudyInstanceUID=2.25.904&includefield=PatientWeight,00100020"
                + "&includefield=StudyID", "doctor-a");
        assertThat(json(r).getJsonObject(0).fieldNames()).contains("00100020", "00200010").doesNotContain("00101030");
        assertThat(r.headers().allValues("warning")).singleElement().asString().startsWith("299 telecare \"")
                .contains("PatientWeight");
    }

    @Test
    void badQueriesAre400WithAMessage() throws Exception {
        for (String q : List.of("/studies?NoSuchAttribute=1", "/studies?PatientWeight=70", "/studies?limit=0",
                "/studies?limit=ten", "/studies?offset=-1", "/studies?StudyDate=2024-01-01", "/studies?fuzzymatching=maybe",
                "/studies?includefield=NotAnAttribute", "/studies?SOPInstanceUID=1.2.3", "/studies/not-a-uid/series",
                "/studies/2.25.903/series?StudyInstanceUID=2.25.904")) {
            HttpResponse<byte[]> r = qido(q, "doctor-a");
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            JsonObject error = new JsonObject(Buffer.buffer(r.body())).getJsonObject("error");
            assertThat(error.getString("message")).as(q).isNotBlank();
        }
        assertThat(new String(qido("/studies?NoSuchAttribute=1", "doctor-a").body(), StandardCharsets.UTF_8))
                .contains("unknown attribute NoSuchAttribute");
        assertThat(qido("/studies?limit=99999", "doctor-a").headers().allValues("warning")).anyMatch(w -> w.contains("limit"));
        assertThat(node.get("/dicomweb/studies", "doctor-a", "Accept", "application/dicom+xml").statusCode()).isEqualTo(406);
    }

    @Test
    void aVipPatientDisappearsFromSearchesOnceMarked() throws Exception {
        assertThat(values(json(qido("/studies?PatientID=PID-7", "doctor-a")), "0020000D")).containsExactly("2.25.907");
        assertThat(node.put("/archive/patients/PID-7/classes", "admin-a", "{\"classes\": [\"VIP\"]}").statusCode())
                .isEqualTo(200);
        try {
            assertThat(qido("/studies?PatientID=PID-7", "doctor-a").statusCode()).isEqualTo(204);
            assertThat(qido("/instances?PatientID=PID-7", "doctor-a").statusCode()).isEqualTo(204);
            assertThat(values(json(qido("/studies", "doctor-a")), "0020000D")).hasSize(9).doesNotContain("2.25.907");
        } finally {
            node.put("/archive/patients/PID-7/classes", "admin-a", "{\"classes\": []}");
        }
    }
}
