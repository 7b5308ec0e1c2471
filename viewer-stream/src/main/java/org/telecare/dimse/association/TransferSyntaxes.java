package org.telecare.dimse.association;

import java.util.List;

/** Transfer syntax UIDs (PS3.5 §10, PS3.6 Annex A) used in negotiation. */
public final class TransferSyntaxes {
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    public static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    public static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
    public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    public static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
    public static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    public static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
    public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    /** For non-storage services: the uncompressed little endian pair, explicit first. */
    public static final List<String> UNCOMPRESSED = List.of(EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN);

    /**
     * For storage: objects are stored as received, so we accept what devices send (ARC-5), with
     * the uncompressed ones first.
     */
    public static final List<String> STORAGE = List.of(EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN,
            DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, JPEG_LOSSLESS_SV1, JPEG_LOSSLESS,
            JPEG_LS_LOSSLESS, JPEG_2000_LOSSLESS, RLE_LOSSLESS, JPEG_BASELINE, JPEG_EXTENDED,
            JPEG_LS_NEAR_LOSSLESS, JPEG_2000);

    private TransferSyntaxes() {
    }
}
