package org.telecare.dicom.io;

import org.telecare.dicom.data.Attributes;

/** A Part 10 file as read: its File Meta Information and its data set. */
public record DicomFile(FileMetaInfo meta, Attributes dataset) {
}
