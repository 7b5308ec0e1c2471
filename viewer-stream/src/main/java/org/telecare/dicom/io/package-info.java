/**
 * Encoding and decoding of data sets (PS3.5 §7, Annex A) and Part 10 files (PS3.10 §7).
 *
 * <p>{@link org.telecare.dicom.io.DicomReader} parses in one forward pass from a file or stream,
 * checking every length against its container and the end of input and throwing
 * {@link org.telecare.dicom.io.DicomParseException} (with offset and tag) on malformed input;
 * values above a threshold become bulk data references instead of heap arrays. It builds an
 * {@link org.telecare.dicom.data.Attributes} tree (optionally stopping before a tag, e.g. Pixel
 * Data), or hands top-level elements one by one to a {@link org.telecare.dicom.io.DicomHandler}.
 * {@link org.telecare.dicom.io.DicomWriter} writes implicit/explicit VR little endian, deflated
 * and encapsulated syntaxes, keeping sequence and item length encodings.
 * {@link org.telecare.dicom.io.Part10} reads just the File Meta Information, for routing on
 * transfer syntax and SOP UIDs, and writes it with a correct group length.
 */
package org.telecare.dicom.io;
