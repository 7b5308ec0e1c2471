package org.telecare.dicom.data;

/**
 * A value held in memory exactly as encoded in little endian (padding included), so that
 * writing it back reproduces the original bytes. The array is shared, not copied: do not
 * modify it after handing it over.
 */
public record ByteValue(byte[] bytes) implements Value {
    public static final ByteValue EMPTY = new ByteValue(new byte[0]);

    @Override
    public long length() {
        return bytes.length;
    }
}
