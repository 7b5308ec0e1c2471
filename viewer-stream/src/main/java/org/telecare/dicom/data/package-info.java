/**
 * The DICOM data model, independent of any encoding or network.
 *
 * <p>{@link org.telecare.dicom.data.Attributes} is a data set ordered by tag (PS3.5 §7.1) whose
 * values are {@link org.telecare.dicom.data.Value}s: bytes kept exactly as encoded (so untouched,
 * private and unknown elements round-trip byte for byte), {@link org.telecare.dicom.data.BulkDataRef}
 * for large values left on disk, {@link org.telecare.dicom.data.Sequence}s of items and
 * encapsulated {@link org.telecare.dicom.data.Fragments}. Typed getters decode on demand using the
 * {@link org.telecare.dicom.data.SpecificCharacterSet} (PS3.5 §6.1). {@link org.telecare.dicom.data.VR}
 * is PS3.5 Table 6.2-1; {@link org.telecare.dicom.data.ElementDictionary} is PS3.6, generated from
 * DCMTK's copy by {@code viewer-stream/scripts/gen-dictionary.py}.
 *
 * <p>This package (and {@code org.telecare.dicom.io}) imports nothing from the network layer,
 * Vert.x or Netty: the DIMSE layer depends on the codec, never the reverse.
 */
package org.telecare.dicom.data;
