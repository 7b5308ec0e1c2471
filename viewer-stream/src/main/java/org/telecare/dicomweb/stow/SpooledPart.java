package org.telecare.dicomweb.stow;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One part of a STOW-RS body as received: its media type and, for an {@code application/dicom}
 * part, the spool file holding its bytes (none for a part of another type, which is not kept).
 *
 * @param number the part's position in the body, from 1
 */
record SpooledPart(int number, String contentType, Optional<Path> file, long size) {
}
