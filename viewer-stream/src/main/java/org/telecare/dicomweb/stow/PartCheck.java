package org.telecare.dicomweb.stow;

import org.telecare.archive.store.ObjectCheck;
import org.telecare.archive.store.ReceivedObject;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.io.DicomParseException;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Part10;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DimseServiceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The checks a C-STORE's object passes, applied to one {@code application/dicom} part: a Part 10
 * file (PS3.18 §8.6.1.2.1 asks for the whole file, meta information included) of a storage SOP
 * class the archive accepts, in a transfer syntax it knows, whose data set parses and carries
 * the UIDs its meta information names ({@link ObjectCheck}, shared with the storage SCP), and,
 * for {@code POST /studies/{study}}, of that study. Failures carry the status the sink would
 * give a C-STORE, which PS3.18 reuses as the FailureReason.
 */
final class PartCheck {
    /** PS3.4 §B.2.3 / PS3.18 Table 10.5.3-2: Referenced Transfer Syntax not supported. */
    static final Status TRANSFER_SYNTAX_NOT_SUPPORTED = new Status(0xC122);

    private PartCheck() {
    }

    /** Blocking: parses the spooled part. {@code sourceAe} is what the index files as the study's source. */
    static ReceivedObject check(Path file, Set<String> sopClasses, Optional<String> targetStudy, String sourceAe,
                                Instant receivedAt) {
        FileMetaInfo meta;
        try {
            if (!Part10.isPart10(file)) {
                throw new DimseServiceException(Status.CANNOT_UNDERSTAND,
                        "not a DICOM Part 10 file (no DICM prefix after the 128-byte preamble, PS3.10 §7.1)");
            }
            meta = Part10.readFileMetaInfo(file);
        } catch (DicomParseException e) {
            throw new DimseServiceException(Status.CANNOT_UNDERSTAND, "the file meta information does not parse: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new DimseServiceException(Status.OUT_OF_RESOURCES, "the spooled part could not be read: " + e.getMessage());
        }
        String cls = meta.mediaStorageSopClassUid().orElse("");
        String inst = meta.mediaStorageSopInstanceUid().orElse("");
        if (cls.isEmpty() || inst.isEmpty()) {
            throw new DimseServiceException(Status.CANNOT_UNDERSTAND,
                    "the file meta information has no Media Storage SOP Class or Instance UID (0002,0002/0003)");
        }
        try {
            return checkDataSet(file, meta, cls, inst, sopClasses, targetStudy, sourceAe, receivedAt);
        } catch (DimseServiceException e) {
            throw new Refused(e.status(), cls, inst, e.getMessage());
        }
    }

    /** A refusal of a part whose SOP Class and Instance UIDs are known, for the FailedSOPSequence item. */
    static final class Refused extends DimseServiceException {
        final String sopClassUid;
        final String sopInstanceUid;

        Refused(Status status, String sopClassUid, String sopInstanceUid, String message) {
            super(status, message);
            this.sopClassUid = sopClassUid;
            this.sopInstanceUid = sopInstanceUid;
        }
    }

    private static ReceivedObject checkDataSet(Path file, FileMetaInfo meta, String cls, String inst,
                                               Set<String> sopClasses, Optional<String> targetStudy, String sourceAe,
                                               Instant receivedAt) {
        if (!sopClasses.contains(cls)) {
            throw new DimseServiceException(Status.SOP_CLASS_NOT_SUPPORTED, "SOP class " + cls + " is not stored here");
        }
        String ts = meta.transferSyntaxUid();
        if (ts == null || !TransferSyntax.of(ts).isKnown()) {
            throw new DimseServiceException(TRANSFER_SYNTAX_NOT_SUPPORTED, "transfer syntax " + ts + " is not supported");
        }
        Attributes ds = ObjectCheck.parse(file, cls, inst);
        String study = ds.getString(Tag.STUDY_INSTANCE_UID).orElseThrow();
        if (targetStudy.isPresent() && !targetStudy.get().equals(study)) {
            // PS3.18 §10.5.1: instances of another study than the target are not stored; A900H as in Table 10.5.3-2.
            throw new DimseServiceException(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "the instance belongs to study "
                    + study + ", not to " + targetStudy.get() + " which the request names");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DimseServiceException(Status.OUT_OF_RESOURCES, e);
        }
        return new ReceivedObject(file, meta, ds, size, sourceAe, receivedAt);
    }
}
