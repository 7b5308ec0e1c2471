package org.telecare.dicom.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A value left on disk: {@code length} bytes at {@code offset} in {@code file}, little endian.
 * The reader produces these for values above its bulk data threshold, so a large multi-frame
 * object is never held in heap; the writer copies them through a small buffer.
 */
public record BulkDataRef(Path file, long offset, long length) implements Value {
    public BulkDataRef {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
    }

    /** A stream over exactly the referenced bytes. */
    public InputStream openStream() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        InputStream all = Channels.newInputStream(channel);
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = all.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = all.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                all.close();
            }
        };
    }

    /** Reads {@code count} bytes starting {@code position} bytes into the value. */
    public byte[] read(long position, int count) throws IOException {
        if (position < 0 || count < 0 || position + count > length) {
            throw new IndexOutOfBoundsException("range " + position + "+" + count + " outside value of " + length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(count);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + position + buffer.position()) < 0) {
                    throw new IOException("file " + file + " shorter than its bulk data reference");
                }
            }
        }
        return buffer.array();
    }
}
