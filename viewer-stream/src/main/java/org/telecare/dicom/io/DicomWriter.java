package org.telecare.dicom.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.BulkDataRef;
import org.telecare.dicom.data.ByteValue;
import org.telecare.dicom.data.Element;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Sequence;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.data.Value;

/**
 * Writes data sets in implicit VR little endian (PS3.5 §A.1), explicit VR little endian
 * (§A.2), deflated explicit VR little endian (§A.5) or an encapsulated syntax (§A.4), and Part
 * 10 files (PS3.10 §7). Values are written as held, so a data set read and written in the same
 * transfer syntax is reproduced byte for byte; sequences and items keep their defined or
 * undefined length encoding, defined lengths being recomputed.
 *
 * <p>Converting to explicit VR: a value too long for a 16-bit length field is written as UN
 * (PS3.5 §6.2.2); an explicit UN sequence is always written with undefined length and implicit
 * VR items, as the standard requires.
 */
public final class DicomWriter {
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final long MAX_DEFINED = 0xFFFFFFFEL;

    private final OutputStream out;
    private final byte[] header = new byte[12];

    private DicomWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes a Part 10 file: preamble, "DICM", meta information, then the data set in the meta's transfer syntax. */
    public static void writeFile(OutputStream out, FileMetaInfo meta, Attributes dataset) throws IOException {
        Part10.writeFileMetaInfo(out, meta);
        writeDataset(out, dataset, meta.transferSyntax());
    }

    public static void writeFile(Path path, FileMetaInfo meta, Attributes dataset) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024)) {
            writeFile(out, meta, dataset);
        }
    }

    /** Writes a bare data set; for a deflated syntax the deflate stream is finished but {@code out} is not closed. */
    public static void writeDataset(OutputStream out, Attributes dataset, TransferSyntax ts) throws IOException {
        if (ts.bigEndian()) {
            throw new IllegalArgumentException("writing Explicit VR Big Endian (retired) is not supported");
        }
        checkFragments(dataset, ts);
        if (ts.deflated()) {
            // PS3.5 §A.5: raw deflate (RFC 1951); padded to an even length like every DICOM stream.
            long[] count = {0};
            OutputStream counting = new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    count[0] += len;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    count[0]++;
                }
            };
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            DeflaterOutputStream deflate = new DeflaterOutputStream(counting, deflater, 64 * 1024);
            writeElements(deflate, dataset, ts);
            deflate.finish();
            deflater.end();
            if ((count[0] & 1) != 0) {
                out.write(0);
            }
            out.flush();
            return;
        }
        writeElements(out, dataset, ts);
    }

    public static byte[] toBytes(Attributes dataset, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeDataset(bytes, dataset, ts);
        return bytes.toByteArray();
    }

    public static byte[] toBytes(FileMetaInfo meta, Attributes dataset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeFile(bytes, meta, dataset);
        return bytes.toByteArray();
    }

    static void writeElements(OutputStream out, Attributes dataset, TransferSyntax ts) throws IOException {
        new DicomWriter(out).writeElements(dataset, ts.explicitVr());
        out.flush();
    }

    /**
     * Writes the elements of a data set or item. A group length element (gggg,0000) present in
     * the data is rewritten with the group's length in this encoding (PS3.5 §7.2), so it stays
     * right when converting between implicit and explicit VR; unchanged data keeps its bytes.
     */
    private void writeElements(Attributes dataset, boolean explicit) throws IOException {
        List<Element> elements = List.copyOf(dataset.elements());
        for (int i = 0; i < elements.size(); i++) {
            Element e = elements.get(i);
            if (Tag.isGroupLength(e.tag()) && e.vr() == VR.UL && e.value().length() == 4) {
                long length = 0;
                for (int j = i + 1; j < elements.size() && Tag.group(elements.get(j).tag()) == Tag.group(e.tag()); j++) {
                    length += elementLength(elements.get(j), explicit);
                }
                e = new Element(e.tag(), VR.UL, new ByteValue(new byte[] {
                        (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)}));
            }
            writeElement(e, explicit);
        }
    }

    /** Bytes the elements of {@code dataset} take in (explicit or implicit) VR little endian. */
    public static long encodedLength(Attributes dataset, boolean explicit) {
        long total = 0;
        for (Element e : dataset.elements()) {
            total += elementLength(e, explicit);
        }
        return total;
    }

    private static long elementLength(Element e, boolean explicit) {
        Value v = e.value();
        return switch (v) {
            case ByteValue b -> headerLength(outputVr(e, explicit), explicit) + even(b.length());
            case BulkDataRef b -> headerLength(outputVr(e, explicit), explicit) + even(b.length());
            case Sequence s -> headerLength(VR.SQ, explicit) + sequenceLength(s, innerExplicit(e, explicit))
                    + (sequenceUndefined(e, s) ? 8 : 0);
            case Fragments f -> headerLength(VR.OB, explicit) + fragmentsLength(f) + 8;
        };
    }

    private static long sequenceLength(Sequence s, boolean explicit) {
        long total = 0;
        for (Attributes item : s) {
            total += 8 + encodedLength(item, explicit) + (item.undefinedLength() ? 8 : 0);
        }
        return total;
    }

    private static long fragmentsLength(Fragments f) {
        long total = 0;
        for (Value item : f.items()) {
            total += 8 + item.length();
        }
        return total;
    }

    /** Odd values (accepted from lenient reads) are written padded to even length (PS3.5 §7.1.1). */
    private static long even(long length) {
        return length + (length & 1);
    }

    private void padIfOdd(long length, VR vr) throws IOException {
        if ((length & 1) != 0) {
            out.write(vr.padding());
        }
    }

    private static int headerLength(VR vr, boolean explicit) {
        return explicit && vr.longHeader() ? 12 : 8;
    }

    private static boolean innerExplicit(Element e, boolean explicit) {
        return explicit && e.vr() != VR.UN;
    }

    private static boolean sequenceUndefined(Element e, Sequence s) {
        return s.undefinedLength() || e.vr() == VR.UN;
    }

    private static VR outputVr(Element e, boolean explicit) {
        VR vr = e.vr();
        return explicit && !vr.longHeader() && e.value().length() > 0xFFFF ? VR.UN : vr;
    }

    private void writeElement(Element e, boolean explicit) throws IOException {
        int tag = e.tag();
        switch (e.value()) {
            case ByteValue b -> {
                writeHeader(tag, outputVr(e, explicit), even(b.length()), explicit);
                out.write(b.bytes());
                padIfOdd(b.length(), e.vr());
            }
            case BulkDataRef b -> {
                writeHeader(tag, outputVr(e, explicit), even(b.length()), explicit);
                try (InputStream in = b.openStream()) {
                    long copied = in.transferTo(out);
                    if (copied != b.length()) {
                        throw new IOException("bulk data " + b.file() + " ended after " + copied + " of " + b.length() + " bytes");
                    }
                }
                padIfOdd(b.length(), e.vr());
            }
            case Sequence s -> {
                boolean inner = innerExplicit(e, explicit);
                boolean undefined = sequenceUndefined(e, s);
                VR vr = e.vr() == VR.UN ? VR.UN : VR.SQ;
                writeHeader(tag, vr, undefined ? UNDEFINED : checked(sequenceLength(s, inner), tag), explicit);
                for (Attributes item : s) {
                    writeTagLength(Tag.ITEM, item.undefinedLength() ? UNDEFINED : checked(encodedLength(item, inner), tag));
                    writeElements(item, inner);
                    if (item.undefinedLength()) {
                        writeTagLength(Tag.ITEM_DELIMITATION, 0);
                    }
                }
                if (undefined) {
                    writeTagLength(Tag.SEQUENCE_DELIMITATION, 0);
                }
            }
            case Fragments f -> {
                writeHeader(tag, e.vr(), UNDEFINED, explicit);
                for (Value item : f.items()) {
                    writeElement(new Element(Tag.ITEM, VR.OB, item), false);
                }
                writeTagLength(Tag.SEQUENCE_DELIMITATION, 0);
            }
        }
    }

    private static long checked(long length, int tag) {
        if (length > MAX_DEFINED) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": length " + length + " does not fit 32 bits; use undefined length");
        }
        return length;
    }

    private void writeHeader(int tag, VR vr, long length, boolean explicit) throws IOException {
        if (length != UNDEFINED && (length & 1) != 0) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": odd value length " + length + " (PS3.5 §7.1.1)");
        }
        if (!explicit || Tag.isItemOrDelimiter(tag)) {
            writeTagLength(tag, length);
            return;
        }
        putTag(tag);
        header[4] = (byte) (vr.code() >>> 8);
        header[5] = (byte) vr.code();
        if (vr.longHeader()) {
            header[6] = 0;
            header[7] = 0;
            putInt(8, length);
            out.write(header, 0, 12);
        } else {
            header[6] = (byte) length;
            header[7] = (byte) (length >>> 8);
            out.write(header, 0, 8);
        }
    }

    private void writeTagLength(int tag, long length) throws IOException {
        putTag(tag);
        putInt(4, length);
        out.write(header, 0, 8);
    }

    private void putTag(int tag) {
        header[0] = (byte) (tag >>> 16);
        header[1] = (byte) (tag >>> 24);
        header[2] = (byte) tag;
        header[3] = (byte) (tag >>> 8);
    }

    private void putInt(int at, long v) {
        header[at] = (byte) v;
        header[at + 1] = (byte) (v >>> 8);
        header[at + 2] = (byte) (v >>> 16);
        header[at + 3] = (byte) (v >>> 24);
    }

    private static void checkFragments(Attributes dataset, TransferSyntax ts) {
        Element pixels = dataset.get(Tag.PIXEL_DATA);
        if (pixels != null && pixels.value() instanceof Fragments && !ts.encapsulated()) {
            throw new IllegalArgumentException("encapsulated Pixel Data needs an encapsulated transfer syntax, not " + ts.name());
        }
        if (pixels != null && !(pixels.value() instanceof Fragments) && ts.encapsulated() && ts.isKnown()) {
            throw new IllegalArgumentException(ts.name() + " requires encapsulated Pixel Data (PS3.5 §A.4)");
        }
    }
}
