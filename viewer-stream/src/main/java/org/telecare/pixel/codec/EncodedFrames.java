package org.telecare.pixel.codec;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.BulkDataRef;
import org.telecare.dicom.data.ByteValue;
import org.telecare.dicom.data.Element;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.data.Value;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.pixel.ImagePixel;
import org.telecare.pixel.PixelDataException;
import org.telecare.pixel.PixelDataException.Kind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the bytes of one frame out of Pixel Data (7FE0,0010), reading only that frame when the
 * value was left on disk ({@link BulkDataRef}): a native frame is a fixed-size slice (PS3.5
 * §8.1.1); an encapsulated frame is its fragments (PS3.5 §A.4), found through the Extended
 * Offset Table (7FE0,0001), the Basic Offset Table, one fragment per frame, or, when none of
 * these fits, by where each compressed stream starts.
 */
public final class EncodedFrames {
    /** Extended Offset Table (7FE0,0001), PS3.3 §C.7.6.3.1.8. */
    static final int EXTENDED_OFFSET_TABLE = 0x7FE00001;
    /** No frame larger than this is held in memory for decoding. */
    static final long MAX_FRAME_BYTES = 512L * 1024 * 1024;

    private EncodedFrames() {
    }

    /** The encoded bytes of frame {@code index} (0-based). */
    public static byte[] frame(Attributes ds, TransferSyntax ts, ImagePixel p, int index) throws PixelDataException {
        Element e = ds.get(Tag.PIXEL_DATA);
        if (e == null) {
            throw new PixelDataException(Kind.NO_PIXEL_DATA, "the object has no Pixel Data (7FE0,0010)");
        }
        if (index < 0 || index >= p.frames()) {
            throw new PixelDataException(Kind.NO_SUCH_FRAME, "frame " + (index + 1) + " of " + p.frames());
        }
        try {
            return switch (e.value()) {
                case Fragments f -> {
                    if (!ts.encapsulated()) {
                        throw new PixelDataException(Kind.INVALID_ATTRIBUTES,
                                "encapsulated Pixel Data in native transfer syntax " + ts.uid());
                    }
                    yield concat(frameFragments(ds, f, p.frames()).get(index));
                }
                case ByteValue b -> nativeFrame(b, e.vr(), ts, p, index);
                case BulkDataRef b -> nativeFrame(b, e.vr(), ts, p, index);
                default -> throw new PixelDataException(Kind.INVALID_ATTRIBUTES, "Pixel Data is neither bytes nor fragments");
            };
        } catch (IOException x) {
            throw new PixelDataException(Kind.CORRUPT, "pixel data could not be read: " + x.getMessage(), x);
        }
    }

    private static byte[] nativeFrame(Value v, VR vr, TransferSyntax ts, ImagePixel p, int index)
            throws PixelDataException, IOException {
        if (ts.encapsulated()) {
            throw new PixelDataException(Kind.INVALID_ATTRIBUTES,
                    "native Pixel Data in encapsulated transfer syntax " + ts.uid());
        }
        long length = p.nativeFrameLength();
        long offset = length * index;
        if (length > MAX_FRAME_BYTES) {
            throw new PixelDataException(Kind.UNSUPPORTED_LAYOUT, "a frame of " + length + " bytes is too large to render");
        }
        if (offset + length > v.length()) {
            throw new PixelDataException(Kind.CORRUPT, "Pixel Data has " + v.length() + " bytes; frame " + (index + 1)
                    + " needs bytes " + offset + ".." + (offset + length));
        }
        // The reader swapped big endian OW in 16-bit words (PS3.5 §A.3); 8-bit samples in OW were bytes, swap them back.
        boolean unswap = ts.bigEndian() && vr == VR.OW && p.bitsAllocated() == 8;
        long start = unswap ? offset & ~1L : offset;
        int count = (int) (unswap ? Math.min(v.length() - start, ((offset + length + 1) & ~1L) - start) : length);
        byte[] bytes = read(v, start, count);
        if (!unswap) {
            return bytes;
        }
        for (int i = 0; i + 1 < bytes.length; i += 2) {
            byte t = bytes[i];
            bytes[i] = bytes[i + 1];
            bytes[i + 1] = t;
        }
        return java.util.Arrays.copyOfRange(bytes, (int) (offset - start), (int) (offset - start + length));
    }

    private static List<List<Value>> frameFragments(Attributes ds, Fragments f, int frames) throws PixelDataException,
            IOException {
        if (f.fragments().isEmpty()) {
            throw new PixelDataException(Kind.CORRUPT, "encapsulated Pixel Data has no fragments");
        }
        byte[] extended = ds.getBytes(EXTENDED_OFFSET_TABLE).orElse(null);
        try {
            if (extended != null && extended.length == 8L * frames) {
                ByteBuffer b = ByteBuffer.wrap(extended).order(ByteOrder.LITTLE_ENDIAN);
                long[] offsets = new long[frames];
                for (int i = 0; i < frames; i++) {
                    offsets[i] = b.getLong();
                }
                return f.frames(offsets);
            }
            return f.frames(frames);
        } catch (IllegalArgumentException tableDoesNotFit) {
            if (f.basicOffsetTable().length() != 0) {
                throw new PixelDataException(Kind.CORRUPT, tableDoesNotFit.getMessage());
            }
        }
        List<List<Value>> found = byStreamStart(f.fragments());
        if (found.size() != frames) {
            throw new PixelDataException(Kind.CORRUPT, f.fragments().size() + " fragments hold " + found.size()
                    + " compressed streams for " + frames + " frames");
        }
        return found;
    }

    /** Groups fragments into frames, each starting with a JPEG SOI (FFD8) or a JPEG 2000 SOC (FF4F) marker. */
    private static List<List<Value>> byStreamStart(List<Value> fragments) throws IOException {
        List<List<Value>> frames = new ArrayList<>();
        for (Value v : fragments) {
            byte[] head = v.length() >= 2 ? read(v, 0, 2) : new byte[0];
            boolean starts = head.length == 2 && (head[0] & 0xFF) == 0xFF
                    && ((head[1] & 0xFF) == 0xD8 || (head[1] & 0xFF) == 0x4F);
            if (starts || frames.isEmpty()) {
                frames.add(new ArrayList<>());
            }
            frames.getLast().add(v);
        }
        return frames;
    }

    private static byte[] concat(List<Value> fragments) throws PixelDataException, IOException {
        long total = 0;
        for (Value v : fragments) {
            total += v.length();
        }
        if (total > MAX_FRAME_BYTES) {
            throw new PixelDataException(Kind.UNSUPPORTED_LAYOUT, "a compressed frame of " + total + " bytes is too large to render");
        }
        if (fragments.size() == 1) {
            return read(fragments.getFirst(), 0, (int) total);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        for (Value v : fragments) {
            out.writeBytes(read(v, 0, (int) v.length()));
        }
        return out.toByteArray();
    }

    private static byte[] read(Value v, long position, int count) throws IOException {
        return switch (v) {
            case ByteValue(byte[] bytes) -> position == 0 && count == bytes.length ? bytes
                    : java.util.Arrays.copyOfRange(bytes, (int) position, (int) position + count);
            case BulkDataRef ref -> ref.read(position, count);
            default -> throw new IOException("not a byte value");
        };
    }
}
