package org.telecare.dicom.io;

import java.util.Optional;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;

/**
 * The File Meta Information of a Part 10 file (PS3.10 §7.1): the group 0002 elements, always
 * explicit VR little endian, plus where the data set starts in the file.
 *
 * @param attributes    the group 0002 elements
 * @param datasetOffset byte offset of the data set in the file (after preamble, prefix and meta)
 */
public record FileMetaInfo(Attributes attributes, long datasetOffset) {
    /** Builds meta information for a new file written by this implementation (PS3.10 §7.1). */
    public static FileMetaInfo create(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        Attributes a = new Attributes();
        a.putBytes(Tag.FILE_META_INFORMATION_VERSION, VR.OB, new byte[] {0, 1});
        a.putString(Tag.MEDIA_STORAGE_SOP_CLASS_UID, VR.UI, sopClassUid);
        a.putString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, VR.UI, sopInstanceUid);
        a.putString(Tag.TRANSFER_SYNTAX_UID, VR.UI, transferSyntaxUid);
        a.putString(Tag.IMPLEMENTATION_CLASS_UID, VR.UI, Part10.IMPLEMENTATION_CLASS_UID);
        a.putString(Tag.IMPLEMENTATION_VERSION_NAME, VR.SH, Part10.IMPLEMENTATION_VERSION_NAME);
        return new FileMetaInfo(a, -1);
    }

    /** Meta information for a data set, taking SOP Class and Instance UID from (0008,0016) and (0008,0018). */
    public static FileMetaInfo forDataset(Attributes dataset, TransferSyntax transferSyntax) {
        return create(dataset.getString(Tag.SOP_CLASS_UID).orElseThrow(() -> new IllegalArgumentException("no SOP Class UID")),
                dataset.getString(Tag.SOP_INSTANCE_UID).orElseThrow(() -> new IllegalArgumentException("no SOP Instance UID")),
                transferSyntax.uid());
    }

    public String transferSyntaxUid() {
        return attributes.getString(Tag.TRANSFER_SYNTAX_UID).orElse("");
    }

    public TransferSyntax transferSyntax() {
        return TransferSyntax.of(transferSyntaxUid());
    }

    public Optional<String> mediaStorageSopClassUid() {
        return attributes.getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID);
    }

    public Optional<String> mediaStorageSopInstanceUid() {
        return attributes.getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID);
    }

    public Optional<String> implementationClassUid() {
        return attributes.getString(Tag.IMPLEMENTATION_CLASS_UID);
    }

    public Optional<String> implementationVersionName() {
        return attributes.getString(Tag.IMPLEMENTATION_VERSION_NAME);
    }

    public Optional<String> sourceApplicationEntityTitle() {
        return attributes.getString(Tag.SOURCE_APPLICATION_ENTITY_TITLE);
    }
}
