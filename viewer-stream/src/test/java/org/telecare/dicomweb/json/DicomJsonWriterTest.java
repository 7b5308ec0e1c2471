package org.telecare.dicomweb.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.Dcmtk;
import org.telecare.dicom.io.DicomReader;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Fixtures;
import org.telecare.dicom.io.ReadOptions;
import org.telecare.dicom.io.TransferSyntax;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our DICOM JSON against DCMTK's {@code dcm2json} (which follows PS3.18 Annex F) for the same
 * file: every attribute, VR and value agree, numbers by value.
 */
class DicomJsonWriterTest {
    @TempDir
    Path dir;

    private JsonObject viaDcmtk(Path file) throws Exception {
        Dcmtk.Result r = Dcmtk.run("dcm2json", "-fc", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return new JsonObject(r.stdout());
    }

    private JsonObject ours(Path file) throws Exception {
        Attributes ds = DicomReader.readFile(file, ReadOptions.DEFAULT).dataset();
        return new DicomJsonWriter(Integer.MAX_VALUE, path -> Optional.empty()).write(ds);
    }

    private Path write(Attributes ds) throws Exception {
        Path file = dir.resolve("t" + System.nanoTime() + ".dcm");
        DicomWriter.writeFile(file, FileMetaInfo.forDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds);
        return file;
    }

    @Test
    void everyVrNestedSequencesAndPrivateElementsAgreeWithDcm2json() throws Exception {
        Path file = write(Fixtures.withSequences(Fixtures.allVrs()));
        JsonObject theirs = viaDcmtk(file);
        JsonObject ours = ours(file);
        List<String> differences = new ArrayList<>();
        compare("", theirs, ours, differences);
        assertThat(differences).isEmpty();
        assertThat(ours.getJsonObject("00100010").getJsonArray("Value").getJsonObject(0).getString("Alphabetic"))
                .isEqualTo("Müller^Hans");
        assertThat(ours.getJsonObject("00209165").getJsonArray("Value")).containsExactly("00100020", "00080020");
    }

    @Test
    void chinesePersonNamesInUtf8AndGb18030() throws Exception {
        for (String charset : List.of("ISO_IR 192", "GB18030")) {
            Attributes ds = new Attributes();
            ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, charset);
            ds.putString(Tag.SOP_CLASS_UID, VR.UI, Fixtures.SC_IMAGE);
            ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, Fixtures.INSTANCE_UID);
            ds.putString(Tag.PATIENT_NAME, VR.PN, "Zhang^Wei=张^伟=zhang^wei");
            ds.putString(0x00081030, VR.LO, "胸部CT平扫");
            Path file = write(ds);
            JsonObject ours = ours(file);
            JsonObject pn = ours.getJsonObject("00100010").getJsonArray("Value").getJsonObject(0);
            assertThat(pn.getString("Alphabetic")).isEqualTo("Zhang^Wei");
            assertThat(pn.getString("Ideographic")).isEqualTo("张^伟");
            assertThat(pn.getString("Phonetic")).isEqualTo("zhang^wei");
            assertThat(ours.getJsonObject("00081030").getJsonArray("Value").getString(0)).isEqualTo("胸部CT平扫");
            if (charset.equals("ISO_IR 192")) {
                List<String> differences = new ArrayList<>();
                compare("", viaDcmtk(file), ours, differences);
                assertThat(differences).isEmpty();
            }
        }
    }

    @Test
    void bulkDataGetsAUriOrIsLeftOutAndEmptyValuesBecomeNull() throws Exception {
        Attributes ds = Fixtures.withNativePixels(Fixtures.allVrs());
        ds.putString(0x00080008, VR.CS, "ORIGINAL", "", "AXIAL");
        JsonObject withUris = new DicomJsonWriter(16, path -> Optional.of("bulk/" + String.format("%08X", path.getLast())))
                .write(ds);
        assertThat(withUris.getJsonObject("7FE00010").getString("BulkDataURI")).isEqualTo("bulk/7FE00010");
        assertThat(withUris.getJsonObject("7FE00010").containsKey("InlineBinary")).isFalse();
        assertThat(withUris.getJsonObject("00282000").getString("InlineBinary")).isEqualTo("AQIDBA==");
        JsonObject qido = DicomJsonWriter.withoutBulkData().write(ds);
        assertThat(qido.getJsonObject("7FE00010").fieldNames()).containsExactly("vr");
        JsonArray type = qido.getJsonObject("00080008").getJsonArray("Value");
        assertThat(type.getString(0)).isEqualTo("ORIGINAL");
        assertThat(type.getValue(1)).isNull();
        assertThat(qido.getJsonObject("00080090").containsKey("Value")).as("empty PN").isFalse();
    }

    /** Structural comparison; numbers compare by value (dcm2json may print 1.75 where we print 1.75e0). */
    private static void compare(String where, Object theirs, Object ours, List<String> out) {
        if (theirs instanceof JsonObject t && ours instanceof JsonObject o) {
            for (String k : t.fieldNames()) {
                if (!o.containsKey(k)) {
                    out.add(where + "/" + k + ": missing in ours (" + t.getValue(k) + ")");
                } else {
                    compare(where + "/" + k, t.getValue(k), o.getValue(k), out);
                }
            }
            for (String k : o.fieldNames()) {
                if (!t.containsKey(k)) {
                    out.add(where + "/" + k + ": only in ours (" + o.getValue(k) + ")");
                }
            }
        } else if (theirs instanceof JsonArray t && ours instanceof JsonArray o) {
            if (t.size() != o.size()) {
                out.add(where + ": " + t + " vs " + o);
                return;
            }
            for (int i = 0; i < t.size(); i++) {
                compare(where + "[" + i + "]", t.getValue(i), o.getValue(i), out);
            }
        } else if (theirs instanceof Number t && ours instanceof Number o) {
            if (Math.abs(t.doubleValue() - o.doubleValue()) > 1e-9 * Math.max(1, Math.abs(t.doubleValue()))) {
                out.add(where + ": " + t + " vs " + o);
            }
        } else if (theirs == null ? ours != null : !theirs.equals(ours)) {
            out.add(where + ": " + theirs + " vs " + ours);
        }
    }
}
