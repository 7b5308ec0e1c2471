package org.telecare.archive.store;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.io.DicomParseException;
import org.telecare.dicom.io.DicomReader;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.ReadOptions;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DimseServiceException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Parses a spooled Part 10 file and checks that it is what its sender said: a data set that
 * parses to the end, whose SOP Class and Instance UIDs are present, well-formed and equal to the
 * command's (PS3.4 §B.2.3: A900H "data set does not match SOP class", C000H "cannot understand").
 * Values above 64 KiB stay in the file as bulk data references.
 */
public final class ObjectCheck {
    static final long BULK_THRESHOLD = 64 * 1024;

    private ObjectCheck() {
    }

    /** Blocking: call off the event loop. */
    public static Attributes parse(Path part10, String sopClassUid, String sopInstanceUid) {
        Attributes ds;
        try {
            ds = DicomReader.readFile(part10, ReadOptions.DEFAULT.withBulkDataThreshold(BULK_THRESHOLD, null)).dataset();
        } catch (DicomParseException e) {
            throw new DimseServiceException(Status.CANNOT_UNDERSTAND, "the data set does not parse: " + e.getMessage());
        } catch (IOException e) {
            throw new DimseServiceException(Status.OUT_OF_RESOURCES, "the spooled object could not be read: " + e.getMessage());
        }
        Optional<String> cls = ds.getString(Tag.SOP_CLASS_UID);
        Optional<String> inst = ds.getString(Tag.SOP_INSTANCE_UID);
        if (cls.isEmpty() || inst.isEmpty()) {
            throw new DimseServiceException(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "the data set has no SOP Class UID (0008,0016) or SOP Instance UID (0008,0018)");
        }
        if (!cls.get().equals(sopClassUid) || !inst.get().equals(sopInstanceUid)) {
            throw new DimseServiceException(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "the data set is "
                    + cls.get() + " / " + inst.get() + ", the command said " + sopClassUid + " / " + sopInstanceUid);
        }
        for (int tag : new int[] {Tag.STUDY_INSTANCE_UID, 0x0020000E}) {
            Optional<String> uid = ds.getString(tag);
            if (uid.isEmpty() || !org.telecare.dicom.data.Uid.isValid(uid.get())) {
                throw new DimseServiceException(Status.CANNOT_UNDERSTAND, "missing or malformed "
                        + (tag == Tag.STUDY_INSTANCE_UID ? "Study Instance UID (0020,000D)" : "Series Instance UID (0020,000E)"));
            }
        }
        return ds;
    }

    static FileMetaInfo meta(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String sourceAe) {
        FileMetaInfo meta = FileMetaInfo.create(sopClassUid, sopInstanceUid, transferSyntaxUid);
        if (sourceAe != null && !sourceAe.isBlank()) {
            meta.attributes().putString(0x00020016, org.telecare.dicom.data.VR.AE, sourceAe.strip());
        }
        return meta;
    }
}
