package org.telecare.archive;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Fixtures;
import org.telecare.dicom.io.Part10;
import org.telecare.dicom.io.TransferSyntax;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small Secondary Capture objects with every VR and native pixels, for routing and re-sync tests. */
public final class TestObjects {
    private TestObjects() {
    }

    public static Path write(Path dir, String study, String series, String sop, String modality, TransferSyntax ts)
            throws IOException {
        Attributes ds = Fixtures.withNativePixels(Fixtures.allVrs());
        ds.putString(Tag.PATIENT_ID, VR.LO, "PID-" + study.substring(study.length() - 4));
        ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, study);
        ds.putString(0x0020000E, VR.UI, series);
        ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, sop);
        ds.putString(Tag.MODALITY, VR.CS, modality);
        Files.createDirectories(dir);
        Path f = dir.resolve(sop + ".dcm");
        DicomWriter.writeFile(f, FileMetaInfo.forDataset(ds, ts), ds);
        return f;
    }

    /** The data set of a Part 10 file: what a C-STORE carries and what must arrive unchanged. */
    public static byte[] dataSet(byte[] part10) throws IOException {
        long offset = Part10.readFileMetaInfo(new ByteArrayInputStream(part10)).datasetOffset();
        return Arrays.copyOfRange(part10, (int) offset, part10.length);
    }

    public static byte[] dataSet(Path part10) throws IOException {
        return dataSet(Files.readAllBytes(part10));
    }
}
