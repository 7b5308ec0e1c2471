package org.telecare.dicomweb.wado;

import org.telecare.dicom.io.TransferSyntax;

import java.util.Map;
import java.util.Optional;

/**
 * The media type a frame goes out in, by the transfer syntax it is stored in (PS3.18 §8.7.3.3.2,
 * Table 8.7.3-2): native pixel data as {@code application/octet-stream} (always little endian),
 * compressed frames as their bitstream's image type with the transfer syntax as a parameter.
 */
record FrameMediaType(String type, String transferSyntaxUid) {
    static final String EXPLICIT_LE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final Map<String, String> COMPRESSED = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.50", "image/jpeg"),
            Map.entry("1.2.840.10008.1.2.4.51", "image/jpeg"),
            Map.entry("1.2.840.10008.1.2.4.57", "image/jpeg"),
            Map.entry("1.2.840.10008.1.2.4.70", "image/jpeg"),
            Map.entry("1.2.840.10008.1.2.4.80", "image/jls"),
            Map.entry("1.2.840.10008.1.2.4.81", "image/jls"),
            Map.entry("1.2.840.10008.1.2.4.90", "image/jp2"),
            Map.entry("1.2.840.10008.1.2.4.91", "image/jp2"),
            Map.entry("1.2.840.10008.1.2.4.92", "image/jpx"),
            Map.entry("1.2.840.10008.1.2.4.93", "image/jpx"),
            Map.entry("1.2.840.10008.1.2.4.201", "image/jphc"),
            Map.entry("1.2.840.10008.1.2.4.202", "image/jphc"),
            Map.entry("1.2.840.10008.1.2.4.203", "image/jphc"),
            Map.entry("1.2.840.10008.1.2.5", "image/dicom-rle"));

    /** Empty for syntaxes whose pixel data is no sequence of frames (MPEG and other video). */
    static Optional<FrameMediaType> of(String storedTransferSyntax) {
        TransferSyntax ts = TransferSyntax.of(storedTransferSyntax);
        if (!ts.encapsulated()) {
            return Optional.of(new FrameMediaType("application/octet-stream", EXPLICIT_LE));
        }
        return Optional.ofNullable(COMPRESSED.get(storedTransferSyntax)).map(t -> new FrameMediaType(t, storedTransferSyntax));
    }

    boolean isNative() {
        return type.equals("application/octet-stream");
    }

    String header() {
        return type + "; transfer-syntax=" + transferSyntaxUid;
    }
}
