package org.telecare.storage.embedded;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A blob file compressed at rest (ARC-5) so that any byte range can still be read without
 * inflating the rest: the content is cut into chunks of {@value #CHUNK} bytes, each deflated on
 * its own (raw DEFLATE, RFC 1951), and a chunk that does not shrink is kept as it is (JPEG, JPEG
 * 2000 and video data do not; CT and MR pixel data usually halve). Reconstruction is byte-exact,
 * and the blob's SHA-256 is that of the original content, so whole reads are verified as before.
 *
 * <pre>
 *   "TCZ1"  chunkSize:int32
 *   chunk 0 … chunk n-1                         (stored bytes, back to back)
 *   length 0 … length n-1 : int32               (bit 31 set: the chunk is stored, not deflated)
 *   contentSize:int64  chunkCount:int32  "TCZE"
 * </pre>
 * All integers big-endian. The trailer is written last, so a file cut short by a crash has no
 * valid trailer and is refused (the blob store renames only complete files into place anyway).
 */
final class DeflatedBlobFile {
    static final int CHUNK = 1 << 20;
    private static final int MAGIC = 0x54435A31;   // "TCZ1"
    private static final int END = 0x54435A45;     // "TCZE"
    private static final int RAW = 0x8000_0000;
    private static final int HEADER = 8;
    private static final int TAIL = 16;

    private DeflatedBlobFile() {
    }

    /** Layout of one compressed file, read from its trailer. */
    record Layout(long contentSize, int chunkSize, long[] offsets, int[] lengths) {
        int chunks() {
            return lengths.length;
        }

        boolean raw(int chunk) {
            return (lengths[chunk] & RAW) != 0;
        }

        int storedLength(int chunk) {
            return lengths[chunk] & ~RAW;
        }

        int contentLength(int chunk) {
            return (int) Math.min(chunkSize, contentSize - (long) chunk * chunkSize);
        }
    }

    /** Writes content into {@code out} in this format; feed it, then {@link #close()}. */
    static final class Writer extends OutputStream {
        private final FileChannel out;
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        private final byte[] chunk = new byte[CHUNK];
        private final byte[] packed = new byte[CHUNK + CHUNK / 16 + 64];
        private int filled;
        private long contentSize;
        private int[] lengths = new int[16];
        private int count;
        private boolean closed;

        Writer(FileChannel out) throws IOException {
            this.out = out;
            ByteBuffer head = ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(CHUNK).flip();
            writeFully(head);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - filled);
                System.arraycopy(b, off, chunk, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == CHUNK) {
                    flushChunk();
                }
            }
        }

        private void flushChunk() throws IOException {
            if (filled == 0) {
                return;
            }
            deflater.reset();
            deflater.setInput(chunk, 0, filled);
            deflater.finish();
            int packedLength = 0;
            // Worth keeping only if it saves a little: inflating costs time on every read.
            int limit = filled - filled / 32;
            while (!deflater.finished() && packedLength < limit) {
                packedLength += deflater.deflate(packed, packedLength, packed.length - packedLength);
            }
            if (count == lengths.length) {
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            if (deflater.finished() && packedLength < limit) {
                writeFully(ByteBuffer.wrap(packed, 0, packedLength));
                lengths[count++] = packedLength;
            } else {
                writeFully(ByteBuffer.wrap(chunk, 0, filled));
                lengths[count++] = filled | RAW;
            }
            contentSize += filled;
            filled = 0;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                flushChunk();
                ByteBuffer tail = ByteBuffer.allocate(count * 4 + TAIL);
                for (int i = 0; i < count; i++) {
                    tail.putInt(lengths[i]);
                }
                tail.putLong(contentSize).putInt(count).putInt(END).flip();
                writeFully(tail);
            } finally {
                deflater.end();
            }
        }

        long contentSize() {
            return contentSize;
        }

        private void writeFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                out.write(b);
            }
        }
    }

    /** Reads the trailer and chunk index; fails on anything that is not a complete file of this format. */
    static Layout layout(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < HEADER + TAIL) {
            throw new IOException("compressed blob file too short (" + size + " bytes)");
        }
        ByteBuffer head = readAt(ch, 0, HEADER);
        if (head.getInt() != MAGIC) {
            throw new IOException("not a compressed blob file (bad magic)");
        }
        int chunkSize = head.getInt();
        ByteBuffer tail = readAt(ch, size - TAIL, TAIL);
        long contentSize = tail.getLong();
        int count = tail.getInt();
        if (tail.getInt() != END || chunkSize <= 0 || count < 0 || contentSize < 0
                || (long) count * 4 + TAIL + HEADER > size
                || count != (int) ((contentSize + chunkSize - 1) / chunkSize)) {
            throw new IOException("compressed blob file has no valid trailer (cut short?)");
        }
        ByteBuffer index = readAt(ch, size - TAIL - 4L * count, 4 * count);
        int[] lengths = new int[count];
        long[] offsets = new long[count];
        long at = HEADER;
        for (int i = 0; i < count; i++) {
            lengths[i] = index.getInt();
            offsets[i] = at;
            at += lengths[i] & ~RAW;
        }
        if (at != size - TAIL - 4L * count) {
            throw new IOException("compressed blob file: chunk lengths do not add up to the file size");
        }
        return new Layout(contentSize, chunkSize, offsets, lengths);
    }

    /** The content of one chunk, inflated. */
    static byte[] chunk(FileChannel ch, Layout layout, int index) throws IOException {
        ByteBuffer stored = readAt(ch, layout.offsets()[index], layout.storedLength(index));
        int length = layout.contentLength(index);
        if (layout.raw(index)) {
            if (layout.storedLength(index) != length) {
                throw new IOException("stored chunk " + index + " has the wrong length");
            }
            return stored.array();
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(stored.array(), 0, stored.limit());
            byte[] out = new byte[length];
            int n = 0;
            while (n < length) {
                int k = inflater.inflate(out, n, length - n);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != length) {
                throw new IOException("chunk " + index + " inflates to " + n + " bytes, expected " + length);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IOException("chunk " + index + " does not inflate: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** Up to {@code length} content bytes from {@code offset}, inflating only the chunks they touch. */
    static byte[] range(FileChannel ch, long offset, int length) throws IOException {
        Layout layout = layout(ch);
        int n = (int) Math.max(0, Math.min(length, layout.contentSize() - offset));
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            long at = offset + done;
            int index = (int) (at / layout.chunkSize());
            byte[] chunk = chunk(ch, layout, index);
            int from = (int) (at - (long) index * layout.chunkSize());
            int k = Math.min(n - done, chunk.length - from);
            System.arraycopy(chunk, from, out, done, k);
            done += k;
        }
        return out;
    }

    /** Streams the whole content to {@code sink}, chunk by chunk. */
    static void copy(FileChannel ch, OutputStream sink) throws IOException {
        Layout layout = layout(ch);
        for (int i = 0; i < layout.chunks(); i++) {
            sink.write(chunk(ch, layout, i));
        }
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new EOFException("compressed blob file ended early at " + (position + b.position()));
            }
        }
        return b.flip();
    }
}
