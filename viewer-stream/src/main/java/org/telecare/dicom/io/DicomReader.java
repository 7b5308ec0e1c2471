package org.telecare.dicom.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.BulkDataRef;
import org.telecare.dicom.data.ByteValue;
import org.telecare.dicom.data.ElementDictionary;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Sequence;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.data.Value;

/**
 * Streaming reader for Part 10 files (PS3.10 §7) and bare data sets (PS3.5 §7).
 *
 * <p>One pass over the input, never seeking back. Values above the bulk data threshold are
 * referenced by offset when reading a plain file, or copied to a spill file otherwise, so
 * memory stays bounded by the threshold. Every length is checked against the enclosing item
 * or sequence and the end of the file before it is used; malformed input raises
 * {@link DicomParseException}. A reader instance is used once, by one thread.
 */
public final class DicomReader {
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final DicomInput in;
    private final ReadOptions options;
    private final Path seekableFile;
    private final ElementDictionary dictionary = ElementDictionary.standard();
    private DicomHandler handler;
    private boolean explicit;
    private boolean bigEndian;
    private Path spillFile;
    private OutputStream spill;
    private long spillLength;
    private int items;

    private DicomReader(DicomInput in, ReadOptions options, Path seekableFile) {
        this.in = in;
        this.options = options;
        this.seekableFile = seekableFile;
    }

    /** Reads a Part 10 file; bulk data above the threshold stays in the file (by offset). */
    public static DicomFile readFile(Path path, ReadOptions options) throws IOException {
        try (InputStream stream = Files.newInputStream(path)) {
            return readFile(new DicomInput(stream, Files.size(path)), options, path);
        }
    }

    /** Reads a Part 10 file from a stream; bulk data above the threshold is spilled to a file. */
    public static DicomFile readFile(InputStream stream, ReadOptions options) throws IOException {
        return readFile(new DicomInput(stream, -1), options, null);
    }

    /**
     * Reads a Part 10 file from a stream of its bytes that is not a local file (a blob read by
     * ranges): bulk data above the threshold is skipped with {@link InputStream#skip} and referenced
     * as {@code origin} at its offset from the start of the stream, so the caller reads it later by
     * range and a stream whose skip is cheap never reads it now. For big endian or deflated data
     * the values are spilled instead (they cannot be served in place), as by {@link #readFile(InputStream, ReadOptions)}.
     *
     * @param size the stream's length, which bounds every declared length
     */
    public static DicomFile readFile(InputStream stream, long size, Path origin, ReadOptions options) throws IOException {
        return readFile(new DicomInput(stream, size), options, origin);
    }

    /** Reads a data set without preamble or meta information, encoded in {@code transferSyntax}. */
    public static Attributes readDataset(InputStream stream, TransferSyntax transferSyntax, ReadOptions options)
            throws IOException {
        return readDataset(new DicomInput(stream, -1), transferSyntax, options, null);
    }

    public static Attributes readDataset(Path path, TransferSyntax transferSyntax, ReadOptions options)
            throws IOException {
        try (InputStream stream = Files.newInputStream(path)) {
            return readDataset(new DicomInput(stream, Files.size(path)), transferSyntax, options, path);
        }
    }

    /**
     * Reads a Part 10 file, or a bare data set as older software wrote them (no preamble or meta
     * information), guessing its encoding from the first element: explicit VR if a valid VR
     * follows the first tag, big endian if the group reads as a small even number only that way,
     * implicit VR little endian otherwise. For a bare data set the returned meta information is
     * made up from the data set ({@link FileMetaInfo#datasetOffset()} is 0). For imports of
     * outside files (ARC-6).
     */
    public static DicomFile readAnyFile(Path path, ReadOptions options) throws IOException {
        if (Part10.isPart10(path)) {
            return readFile(path, options);
        }
        byte[] head = new byte[8];
        try (InputStream stream = Files.newInputStream(path)) {
            if (stream.readNBytes(head, 0, 8) < 8) {
                throw new DicomParseException("neither a Part 10 file nor a data set: fewer than 8 bytes", 0);
            }
        }
        TransferSyntax ts = guessTransferSyntax(head);
        Attributes dataset = readDataset(path, ts, options);
        FileMetaInfo meta = FileMetaInfo.create(dataset.getString(Tag.SOP_CLASS_UID).orElse(""),
                dataset.getString(Tag.SOP_INSTANCE_UID).orElse(""), ts.uid());
        return new DicomFile(new FileMetaInfo(meta.attributes(), 0), dataset);
    }

    static TransferSyntax guessTransferSyntax(byte[] head) {
        int groupLe = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        int groupBe = (head[0] & 0xFF) << 8 | (head[1] & 0xFF);
        boolean vrFollows = VR.ofCode((head[4] & 0xFF) << 8 | (head[5] & 0xFF)) != null;
        if (vrFollows && groupBe <= 0x0010 && groupLe > groupBe) {
            return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
        }
        return vrFollows ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }

    /**
     * Reads a data set element by element, handing each top-level element to {@code handler}
     * instead of keeping it; stops at the end of input or when the handler returns false.
     */
    public static void parse(InputStream stream, TransferSyntax transferSyntax, ReadOptions options, DicomHandler handler)
            throws IOException {
        readDataset(new DicomInput(stream, -1), transferSyntax, options, null, handler);
    }

    /** As {@link #parse(InputStream, TransferSyntax, ReadOptions, DicomHandler)} for a Part 10 file; returns its meta information. */
    public static FileMetaInfo parseFile(Path path, ReadOptions options, DicomHandler handler) throws IOException {
        try (InputStream stream = Files.newInputStream(path)) {
            DicomInput in = new DicomInput(stream, Files.size(path));
            FileMetaInfo meta = Part10.readMeta(in);
            readDataset(in, meta.transferSyntax(), options, path, handler);
            return meta;
        }
    }

    private static DicomFile readFile(DicomInput in, ReadOptions options, Path path) throws IOException {
        FileMetaInfo meta = Part10.readMeta(in);
        return new DicomFile(meta, readDataset(in, meta.transferSyntax(), options, path));
    }

    private static Attributes readDataset(DicomInput in, TransferSyntax ts, ReadOptions options, Path path)
            throws IOException {
        return readDataset(in, ts, options, path, null);
    }

    private static Attributes readDataset(DicomInput in, TransferSyntax ts, ReadOptions options, Path path,
                                          DicomHandler handler) throws IOException {
        DicomInput source = in;
        Path seekable = path;
        Inflater inflater = null;
        if (ts.deflated()) {
            // PS3.5 §A.5: the data set is a raw deflate bitstream (RFC 1951, no zlib header).
            inflater = new Inflater(true);
            source = new DicomInput(new InflaterInputStream(in.rest(), inflater, 64 * 1024), -1);
            seekable = null;
        }
        if (ts.bigEndian()) {
            seekable = null; // values are swapped to little endian, so they cannot stay in place
        }
        DicomReader reader = new DicomReader(source, options, seekable);
        try {
            reader.handler = handler;
            reader.explicit = ts.explicitVr();
            reader.bigEndian = ts.bigEndian();
            Attributes dataset = new Attributes();
            reader.readElements(dataset, -1, 0, true, options.stopBeforeTag());
            return dataset;
        } catch (java.util.zip.ZipException e) {
            throw new DicomParseException("corrupt deflated data: " + e.getMessage(), source.position());
        } catch (java.io.EOFException e) {
            throw new DicomParseException("truncated deflated data: " + e.getMessage(), source.position());
        } finally {
            reader.closeSpill();
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /**
     * Reads the group 0002 elements up to the first element of another group: explicit VR little
     * endian (PS3.10 §7.1), or implicit VR when no VR follows the first tag, as some old writers did.
     */
    static void readMetaGroup(DicomInput in, Attributes meta) throws IOException {
        DicomReader reader = new DicomReader(in, ReadOptions.DEFAULT.withMaxInlineLength(64 * 1024), null);
        reader.explicit = !in.canPeek(6) || VR.ofCode(in.peekU16be(4)) != null;
        reader.readElements(meta, -1, 0, true, 0x00030000);
    }

    /** Reads the elements of one data set or item until {@code end}, an Item Delimitation or (top level) end of input. */
    private void readElements(Attributes target, long end, int depth, boolean topLevel, int stopBefore)
            throws IOException {
        while (true) {
            if (end >= 0) {
                if (in.position() == end) {
                    return;
                }
                if (in.position() > end) {
                    throw in.error("element overruns its item by " + (in.position() - end) + " bytes", end);
                }
            } else if (topLevel && in.atEnd()) {
                return;
            }
            if (topLevel && stopBefore != 0 && in.canPeek(4)
                    && Tag.compare(in.peekTag(bigEndian), stopBefore) >= 0) {
                return;
            }
            long start = in.position();
            int tag = in.readTag(bigEndian);
            in.tag = tag;
            in.hasTag = true;
            if (tag == Tag.ITEM_DELIMITATION) {
                long length = in.readU32(bigEndian);
                if (end >= 0 || topLevel) {
                    throw in.error("Item Delimitation Item outside an undefined-length item", start);
                }
                if (length != 0) {
                    throw in.error("Item Delimitation Item with length " + length + ", expected 0", start);
                }
                return;
            }
            if (Tag.isItemOrDelimiter(tag)) {
                throw in.error("unexpected item or delimiter tag in a data set", start);
            }
            VR vr;
            long length;
            if (explicit) {
                int code = in.readVrCode();
                vr = VR.ofCode(code);
                if (vr == null) {
                    throw in.error("invalid VR '" + printable(code) + "' (PS3.5 Table 6.2-1)", start + 4);
                }
                if (vr.longHeader()) {
                    in.readU16(bigEndian); // reserved, PS3.5 §7.1.2
                    length = in.readU32(bigEndian);
                } else {
                    length = in.readU16(bigEndian);
                }
            } else {
                vr = dictionary.vrOf(tag);
                length = in.readU32(bigEndian);
            }
            readValue(target, tag, vr, length, end, depth);
            if (topLevel && handler != null) {
                boolean more = handler.element(target, target.get(tag));
                if (tag != Tag.SPECIFIC_CHARACTER_SET) {
                    target.remove(tag);
                }
                if (!more) {
                    return;
                }
            }
        }
    }

    private void readValue(Attributes target, int tag, VR vr, long length, long end, int depth) throws IOException {
        if (target.contains(tag)) {
            // Elements out of ascending order (PS3.5 §7.1) are tolerated and sorted; a repeated tag is ambiguous.
            throw in.error("duplicate element in the same data set");
        }
        if (length == UNDEFINED) {
            if (vr == VR.SQ || vr == VR.UN) {
                // An explicit UN of undefined length is a sequence encoded in implicit VR LE (PS3.5 §6.2.2);
                // in implicit VR an unknown element of undefined length is a sequence too.
                boolean unknownSequence = vr == VR.UN;
                VR keep = unknownSequence && explicit ? VR.UN : VR.SQ;
                Sequence sequence = new Sequence(target, true);
                target.put(tag, keep, sequence);
                boolean wasExplicit = explicit;
                boolean wasBigEndian = bigEndian;
                if (unknownSequence) {
                    explicit = false;
                    bigEndian = false;
                }
                readItems(sequence, -1, depth);
                explicit = wasExplicit;
                bigEndian = wasBigEndian;
                return;
            }
            if (tag == Tag.PIXEL_DATA && (vr == VR.OB || vr == VR.OW)) {
                target.put(tag, vr, readFragments());
                return;
            }
            throw in.error("undefined length is only allowed for sequences and encapsulated Pixel Data, not " + vr);
        }
        checkLength(length, end, options.allowOddLengths() && vr != VR.SQ);
        if (vr == VR.SQ) {
            Sequence sequence = new Sequence(target, false);
            target.put(tag, vr, sequence);
            readItems(sequence, in.position() + length, depth);
            return;
        }
        target.put(tag, vr, readBytesOrBulk(length, vr));
    }

    private void checkLength(long length, long end) throws DicomParseException {
        checkLength(length, end, false);
    }

    private void checkLength(long length, long end, boolean oddAllowed) throws DicomParseException {
        if ((length & 1) != 0 && !oddAllowed) {
            throw in.error("odd value length " + length + " (PS3.5 §7.1.1 requires even lengths)");
        }
        if (end >= 0 && in.position() + length > end) {
            throw in.error("value length " + length + " exceeds its enclosing item by " + (in.position() + length - end) + " bytes");
        }
        long remaining = in.remaining();
        if (remaining >= 0 && length > remaining) {
            throw in.error("value length " + length + " beyond end of input (" + remaining + " bytes remain)");
        }
    }

    private void readItems(Sequence sequence, long end, int depth) throws IOException {
        if (depth + 1 > options.maxDepth()) {
            throw in.error("sequences nested deeper than " + options.maxDepth());
        }
        int sequenceTag = in.tag;
        while (true) {
            if (end >= 0) {
                if (in.position() == end) {
                    return;
                }
                if (in.position() > end) {
                    throw in.error("item overruns its sequence", end);
                }
            }
            long start = in.position();
            int tag = in.readTag(bigEndian);
            long length = in.readU32(bigEndian);
            if (tag == Tag.SEQUENCE_DELIMITATION) {
                if (end >= 0) {
                    throw in.error("Sequence Delimitation Item in a defined-length sequence", start);
                }
                if (length != 0) {
                    throw in.error("Sequence Delimitation Item with length " + length + ", expected 0", start);
                }
                return;
            }
            if (tag != Tag.ITEM) {
                throw in.error("expected an Item tag (FFFE,E000) in the sequence, found " + Tag.toString(tag), start);
            }
            countItem(start);
            Attributes item;
            if (length == UNDEFINED) {
                item = sequence.addItem(true);
                readElements(item, -1, depth + 1, false, 0);
            } else {
                checkLength(length, end);
                item = sequence.addItem(false);
                readElements(item, in.position() + length, depth + 1, false, 0);
            }
            in.tag = sequenceTag;
        }
    }

    /** Encapsulated pixel data: Basic Offset Table item, fragment items, Sequence Delimitation (PS3.5 §A.4). */
    private Fragments readFragments() throws IOException {
        Fragments fragments = null;
        while (true) {
            long start = in.position();
            int tag = in.readTag(bigEndian);
            long length = in.readU32(bigEndian);
            if (tag == Tag.SEQUENCE_DELIMITATION) {
                if (fragments == null) {
                    throw in.error("encapsulated Pixel Data without a Basic Offset Table item (PS3.5 §A.4)", start);
                }
                return fragments;
            }
            if (tag != Tag.ITEM) {
                throw in.error("expected a fragment Item tag, found " + Tag.toString(tag), start);
            }
            if (length == UNDEFINED) {
                throw in.error("fragment with undefined length (PS3.5 §A.4 requires defined lengths)", start);
            }
            countItem(start);
            checkLength(length, -1);
            Value value = readBytesOrBulk(length, VR.OB);
            if (fragments == null) {
                fragments = new Fragments(value);
            } else {
                fragments.add(value);
            }
        }
    }

    private void countItem(long start) throws DicomParseException {
        if (++items > options.maxItems()) {
            throw in.error("more than " + options.maxItems() + " items and fragments", start);
        }
    }

    private Value readBytesOrBulk(long length, VR vr) throws IOException {
        int swapUnit = bigEndian && length % vr.unitSize() == 0 ? vr.unitSize() : 1;
        if (length > options.bulkDataThreshold()) {
            if (seekableFile != null) {
                BulkDataRef ref = new BulkDataRef(seekableFile, in.position(), length);
                in.skip(length);
                return ref;
            }
            return spill(length, swapUnit);
        }
        if (length > options.maxInlineLength()) {
            throw in.error("value of " + length + " bytes exceeds the in-memory limit of " + options.maxInlineLength()
                    + " bytes; read with a bulk data threshold");
        }
        if (length == 0) {
            return ByteValue.EMPTY;
        }
        byte[] bytes = in.readBytes((int) length);
        if (swapUnit > 1) {
            DicomInput.swap(bytes, 0, bytes.length, swapUnit);
        }
        return new ByteValue(bytes);
    }

    private BulkDataRef spill(long length, int swapUnit) throws IOException {
        if (spill == null) {
            spillFile = options.spillDirectory() != null
                    ? Files.createTempFile(options.spillDirectory(), "bulk", ".raw")
                    : Files.createTempFile("telecare-bulk", ".raw");
            spill = new BufferedOutputStream(Files.newOutputStream(spillFile), 64 * 1024);
        }
        long offset = spillLength;
        in.copyTo(spill, length, swapUnit);
        spill.flush();
        spillLength += length;
        return new BulkDataRef(spillFile, offset, length);
    }

    private void closeSpill() throws IOException {
        if (spill != null) {
            spill.close();
        }
    }

    private static String printable(int code) {
        StringBuilder sb = new StringBuilder();
        for (int c : new int[] {code >>> 8, code & 0xFF}) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return sb.toString();
    }
}
