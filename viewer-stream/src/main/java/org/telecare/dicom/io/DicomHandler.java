package org.telecare.dicom.io;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Element;

/**
 * Receives the top-level elements of a data set one by one as {@link DicomReader#parse} reads
 * them, so that a data set of any number of elements is processed in bounded memory
 * (sequences arrive as whole elements; large values as bulk data references).
 */
@FunctionalInterface
public interface DicomHandler {
    /**
     * @param context the data set so far: it holds only the Specific Character Set, which the
     *                typed getters of {@code context} and of sequence items need to decode strings
     * @param element the element just read
     * @return true to go on, false to stop reading here
     */
    boolean element(Attributes context, Element element) throws java.io.IOException;
}
