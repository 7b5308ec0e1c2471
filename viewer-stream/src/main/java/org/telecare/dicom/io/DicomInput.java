package org.telecare.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Buffered input that counts its position and never trusts a length: values are read in
 * chunks that grow only as bytes actually arrive, and skips are verified.
 */
final class DicomInput {
    private static final int BUFFER = 64 * 1024;
    private final InputStream in;
    private final long size;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private long base;
    /** Tag being read, for error messages; 0 with {@link #hasTag} false before the first. */
    int tag;
    boolean hasTag;

    /** @param size total bytes the stream holds (a file's size), or -1 if unknown */
    DicomInput(InputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    long position() {
        return base + pos;
    }

    /** Bytes left before the end of input, or -1 if unknown. */
    long remaining() {
        return size < 0 ? -1 : size - position();
    }

    DicomParseException error(String message) {
        return new DicomParseException(message, position(), tag, hasTag);
    }

    DicomParseException error(String message, long offset) {
        return new DicomParseException(message, offset, tag, hasTag);
    }

    /** Tries to have {@code n <= BUFFER} bytes buffered; false if the input ends first. */
    boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                return false;
            }
            lim += r;
        }
        return true;
    }

    boolean atEnd() throws IOException {
        return !fill(1);
    }

    /** The 32-bit little-endian tag at the current position without consuming it, or -1 bits when fewer than 4 bytes remain. */
    boolean canPeek(int n) throws IOException {
        return fill(n);
    }

    int peekTag(boolean bigEndian) {
        return bigEndian ? (u16be(pos) << 16 | u16be(pos + 2)) : (u16le(pos) << 16 | u16le(pos + 2));
    }

    /** The two bytes at {@code offset} from the current position as a big-endian number; call {@link #canPeek} first. */
    int peekU16be(int offset) {
        return u16be(pos + offset);
    }

    private int u16le(int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8;
    }

    private int u16be(int at) {
        return (buf[at] & 0xFF) << 8 | (buf[at + 1] & 0xFF);
    }

    private void need(int n, String what) throws IOException {
        if (!fill(n)) {
            throw error("truncated input: " + what + " needs " + n + " bytes, only " + (lim - pos) + " remain");
        }
    }

    int readTag(boolean bigEndian) throws IOException {
        need(4, "tag");
        int t = peekTag(bigEndian);
        pos += 4;
        return t;
    }

    int readU16(boolean bigEndian) throws IOException {
        need(2, "16-bit field");
        int v = bigEndian ? u16be(pos) : u16le(pos);
        pos += 2;
        return v;
    }

    long readU32(boolean bigEndian) throws IOException {
        need(4, "32-bit field");
        long v = bigEndian
                ? (long) u16be(pos) << 16 | u16be(pos + 2)
                : (long) u16le(pos + 2) << 16 | u16le(pos);
        pos += 4;
        return v;
    }

    /** Two ASCII characters as a big-endian number (the explicit VR field). */
    int readVrCode() throws IOException {
        need(2, "VR");
        int v = u16be(pos);
        pos += 2;
        return v;
    }

    byte[] readBytes(int n) throws IOException {
        long start = position();
        byte[] out = new byte[Math.min(n, BUFFER)];
        int filled = 0;
        while (filled < n) {
            if (pos == lim && !fill(1)) {
                throw error("truncated value: " + n + " bytes declared, input ends after " + filled, start);
            }
            if (filled == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(n, (long) out.length * 2));
            }
            int chunk = Math.min(lim - pos, out.length - filled);
            System.arraycopy(buf, pos, out, filled, chunk);
            pos += chunk;
            filled += chunk;
        }
        return out;
    }

    void skip(long n) throws IOException {
        long start = position();
        long left = n;
        int buffered = (int) Math.min(left, lim - pos);
        pos += buffered;
        left -= buffered;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw error("truncated value: " + n + " bytes declared, input ends after " + (n - left), start);
                }
                s = 1;
            }
            left -= s;
            base += s;
        }
    }

    /** Copies {@code n} bytes to {@code out}, reversing each {@code swapUnit}-byte group (byte order change). */
    void copyTo(OutputStream out, long n, int swapUnit) throws IOException {
        long start = position();
        long left = n;
        while (left > 0) {
            int want = (int) Math.min(left, BUFFER);
            if (swapUnit > 1) {
                want = Math.max(swapUnit, want - want % swapUnit);
            }
            if (!fill(want)) {
                throw error("truncated value: " + n + " bytes declared, input ends after " + (n - left), start);
            }
            if (swapUnit > 1) {
                swap(buf, pos, want, swapUnit);
            }
            out.write(buf, pos, want);
            pos += want;
            left -= want;
        }
    }

    static void swap(byte[] b, int off, int len, int unit) {
        for (int i = off; i + unit <= off + len; i += unit) {
            for (int a = i, z = i + unit - 1; a < z; a++, z--) {
                byte t = b[a];
                b[a] = b[z];
                b[z] = t;
            }
        }
    }

    /** The rest of the input (buffered bytes first) as a stream, e.g. to inflate it. */
    InputStream rest() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (pos == lim && !fill(1)) {
                    return -1;
                }
                return buf[pos++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos == lim && !fill(1)) {
                    return -1;
                }
                int n = Math.min(len, lim - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
