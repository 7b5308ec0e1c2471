package org.telecare.dicom.data;

/**
 * The value of a data element: raw bytes held in memory, a reference to bytes left on disk,
 * a sequence of items (PS3.5 §7.5) or encapsulated pixel data fragments (PS3.5 §A.4).
 */
public sealed interface Value permits ByteValue, BulkDataRef, Sequence, Fragments {
    /** Length of the value field in bytes, or -1 for values encoded with undefined length. */
    long length();
}
