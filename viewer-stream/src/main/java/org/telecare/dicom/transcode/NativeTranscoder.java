package org.telecare.dicom.transcode;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.io.DicomFile;
import org.telecare.dicom.io.DicomReader;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.ReadOptions;
import org.telecare.dicom.io.TransferSyntax;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Re-encodes a data set between the uncompressed transfer syntaxes (PS3.5 §A.1–A.5): Implicit
 * and Explicit VR Little Endian, Deflated Explicit VR Little Endian, and from the retired Explicit
 * VR Big Endian. The values stay the same; what changes is how they are written (VR fields,
 * byte order, deflate), so a peer that accepts only one of them still gets the object (C-GET,
 * C-MOVE, routing, WADO-RS). Implicit to explicit takes each element's VR from the data
 * dictionary, unknown and private ones as UN (PS3.5 §6.2.2). Encapsulated (compressed) pixel data
 * is not touched here; decompressing needs the pixel codecs.
 */
public final class NativeTranscoder {
    /** What can be written, in order of preference: little endian only (big endian is retired, read-only here). */
    public static final List<String> TARGETS = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid());

    private NativeTranscoder() {
    }

    /** Whether {@code fromUid} is a native syntax this reads and {@code toUid} one it writes. */
    public static boolean canTranscode(String fromUid, String toUid) {
        TransferSyntax from = TransferSyntax.of(fromUid);
        return from.isKnown() && !from.encapsulated() && TARGETS.contains(toUid);
    }

    /**
     * The syntax to send a data set stored in {@code storedUid} in, given what the peer accepts
     * (best first): the stored one if accepted (no re-encoding: byte-exact), else the first
     * accepted one this can transcode to.
     */
    public static Optional<String> choose(String storedUid, List<String> accepted) {
        if (accepted.contains(storedUid)) {
            return Optional.of(storedUid);
        }
        return accepted.stream().filter(ts -> canTranscode(storedUid, ts)).findFirst();
    }

    /** In memory, for objects that fit: the data set bytes in {@code to}. */
    public static byte[] transcode(byte[] dataSet, String fromUid, String toUid) throws IOException {
        check(fromUid, toUid);
        Attributes attributes = DicomReader.readDataset(new ByteArrayInputStream(dataSet), TransferSyntax.of(fromUid),
                ReadOptions.DEFAULT);
        return DicomWriter.toBytes(attributes, TransferSyntax.of(toUid));
    }

    /**
     * File to file for large objects: values above {@code bulkThreshold} bytes are read from a
     * spill file in {@code spillDirectory}, not held in heap (PS3.5 pixel data of a large multiframe).
     */
    public static void transcode(Path dataSet, String fromUid, Path target, String toUid, Path spillDirectory,
                                 long bulkThreshold) throws IOException {
        check(fromUid, toUid);
        Attributes attributes = DicomReader.readDataset(dataSet, TransferSyntax.of(fromUid),
                ReadOptions.DEFAULT.withBulkDataThreshold(bulkThreshold, spillDirectory));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 64 * 1024)) {
            DicomWriter.writeDataset(out, attributes, TransferSyntax.of(toUid));
        }
    }

    /**
     * A Part 10 file (its transfer syntax from its meta information) to a bare data set in
     * {@code toUid}, large values read from disk as in {@link #transcode(Path, String, Path, String, Path, long)}.
     */
    public static void transcodePart10(Path part10, Path target, String toUid, Path spillDirectory, long bulkThreshold)
            throws IOException {
        DicomFile file = DicomReader.readFile(part10, ReadOptions.DEFAULT.withBulkDataThreshold(bulkThreshold, spillDirectory));
        check(file.meta().transferSyntaxUid(), toUid);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 64 * 1024)) {
            DicomWriter.writeDataset(out, file.dataset(), TransferSyntax.of(toUid));
        }
    }

    private static void check(String fromUid, String toUid) {
        if (!canTranscode(fromUid, toUid)) {
            throw new IllegalArgumentException("cannot transcode from " + TransferSyntax.of(fromUid).name()
                    + " to " + TransferSyntax.of(toUid).name() + " without the pixel codecs");
        }
    }
}
