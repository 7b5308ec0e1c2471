package org.telecare.dicom.io;

import java.io.IOException;
import org.telecare.dicom.data.Tag;

/**
 * Malformed DICOM input: truncated values, impossible lengths, bad VRs, nesting too deep.
 * Carries the byte offset (in the decoded data set stream, counting the preamble for files)
 * and the tag being read, or -1 when no tag was read yet.
 */
public class DicomParseException extends IOException {
    private final long offset;
    private final int tag;
    private final boolean hasTag;

    public DicomParseException(String message, long offset, int tag, boolean hasTag) {
        super(message + " at offset " + offset + (hasTag ? " in " + Tag.toString(tag) : ""));
        this.offset = offset;
        this.tag = tag;
        this.hasTag = hasTag;
    }

    public DicomParseException(String message, long offset) {
        this(message, offset, 0, false);
    }

    public long offset() {
        return offset;
    }

    /** The tag being read, if {@link #hasTag()}. */
    public int tag() {
        return tag;
    }

    public boolean hasTag() {
        return hasTag;
    }
}
