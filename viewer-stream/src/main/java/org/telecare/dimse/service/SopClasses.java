package org.telecare.dimse.service;

import java.util.List;

/** SOP Class UIDs (PS3.4, PS3.6 Annex A) the DIMSE services refer to. */
public final class SopClasses {
    public static final String VERIFICATION = "1.2.840.10008.1.1";

    public static final String PATIENT_ROOT_QR_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
    public static final String PATIENT_ROOT_QR_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
    public static final String PATIENT_ROOT_QR_GET = "1.2.840.10008.5.1.4.1.2.1.3";
    public static final String STUDY_ROOT_QR_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    public static final String STUDY_ROOT_QR_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    public static final String STUDY_ROOT_QR_GET = "1.2.840.10008.5.1.4.1.2.2.3";

    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    public static final String SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";

    /** Common image and document storage SOP classes an archive accepts (PS3.4 Table B.5-1). */
    public static final List<String> STORAGE = List.of(
            "1.2.840.10008.5.1.4.1.1.1",       // Computed Radiography
            "1.2.840.10008.5.1.4.1.1.1.1",     // Digital X-Ray, for presentation
            "1.2.840.10008.5.1.4.1.1.1.1.1",   // Digital X-Ray, for processing
            "1.2.840.10008.5.1.4.1.1.1.2",     // Digital Mammography, for presentation
            "1.2.840.10008.5.1.4.1.1.1.2.1",   // Digital Mammography, for processing
            CT_IMAGE_STORAGE,
            "1.2.840.10008.5.1.4.1.1.2.1",     // Enhanced CT
            "1.2.840.10008.5.1.4.1.1.3.1",     // Ultrasound Multi-frame
            MR_IMAGE_STORAGE,
            "1.2.840.10008.5.1.4.1.1.4.1",     // Enhanced MR
            "1.2.840.10008.5.1.4.1.1.6.1",     // Ultrasound
            SECONDARY_CAPTURE_IMAGE_STORAGE,
            "1.2.840.10008.5.1.4.1.1.7.4",     // Multi-frame True Color SC
            "1.2.840.10008.5.1.4.1.1.12.1",    // X-Ray Angiographic
            "1.2.840.10008.5.1.4.1.1.20",      // Nuclear Medicine
            "1.2.840.10008.5.1.4.1.1.77.1.4",  // VL Photographic
            "1.2.840.10008.5.1.4.1.1.77.1.6",  // VL Whole Slide Microscopy
            "1.2.840.10008.5.1.4.1.1.88.11",   // Basic Text SR
            "1.2.840.10008.5.1.4.1.1.88.22",   // Enhanced SR
            "1.2.840.10008.5.1.4.1.1.88.33",   // Comprehensive SR
            "1.2.840.10008.5.1.4.1.1.104.1",   // Encapsulated PDF
            "1.2.840.10008.5.1.4.1.1.128",     // PET
            "1.2.840.10008.5.1.4.1.1.481.1",   // RT Image
            "1.2.840.10008.5.1.4.1.1.11.1",    // Grayscale Softcopy Presentation State
            "1.2.840.10008.5.1.4.1.1.1.3",     // Digital Intra-Oral X-Ray, for presentation
            "1.2.840.10008.5.1.4.1.1.6.2",     // Enhanced US Volume
            "1.2.840.10008.5.1.4.1.1.9.1.1",   // 12-lead ECG Waveform (心电)
            "1.2.840.10008.5.1.4.1.1.9.1.2",   // General ECG Waveform
            "1.2.840.10008.5.1.4.1.1.12.2",    // X-Ray Radiofluoroscopic
            "1.2.840.10008.5.1.4.1.1.13.1.3",  // Breast Tomosynthesis
            "1.2.840.10008.5.1.4.1.1.66.4",    // Segmentation
            "1.2.840.10008.5.1.4.1.1.77.1.1",  // VL Endoscopic (内镜)
            "1.2.840.10008.5.1.4.1.1.77.1.1.1", // Video Endoscopic
            "1.2.840.10008.5.1.4.1.1.77.1.2",  // VL Microscopic
            "1.2.840.10008.5.1.4.1.1.77.1.5.1", // Ophthalmic Photography 8 Bit
            "1.2.840.10008.5.1.4.1.1.88.59",   // Key Object Selection
            "1.2.840.10008.5.1.4.1.1.104.2",   // Encapsulated CDA
            "1.2.840.10008.5.1.4.1.1.130",     // Enhanced PET
            "1.2.840.10008.5.1.4.1.1.481.2",   // RT Dose
            "1.2.840.10008.5.1.4.1.1.481.3",   // RT Structure Set
            "1.2.840.10008.5.1.4.1.1.481.5");  // RT Plan

    private SopClasses() {
    }
}
