package org.telecare.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;

/**
 * The DICOM file format of PS3.10 §7: a 128-byte preamble, the "DICM" prefix and the File Meta
 * Information (group 0002, explicit VR little endian, led by its group length).
 */
public final class Part10 {
    public static final int PREAMBLE_LENGTH = 128;
    /** Implementation Class UID of telecare (PS3.7 §D.3.3.2): a UUID-derived UID under 2.25 (PS3.5 §B.2). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.329590948591526441214992312621635112734";
    public static final String IMPLEMENTATION_VERSION_NAME = "TELECARE_0.1";
    private static final byte[] PREFIX = "DICM".getBytes(StandardCharsets.US_ASCII);

    private Part10() {
    }

    /** Reads only the preamble and File Meta Information: enough to route on transfer syntax and SOP UIDs. */
    public static FileMetaInfo readFileMetaInfo(Path path) throws IOException {
        try (InputStream stream = Files.newInputStream(path)) {
            return readMeta(new DicomInput(stream, Files.size(path)));
        }
    }

    public static FileMetaInfo readFileMetaInfo(InputStream stream) throws IOException {
        return readMeta(new DicomInput(stream, -1));
    }

    /** True if the file has the 128-byte preamble followed by "DICM". */
    public static boolean isPart10(Path path) throws IOException {
        try (InputStream stream = Files.newInputStream(path)) {
            byte[] head = stream.readNBytes(PREAMBLE_LENGTH + 4);
            return head.length == PREAMBLE_LENGTH + 4
                    && Arrays.equals(head, PREAMBLE_LENGTH, PREAMBLE_LENGTH + 4, PREFIX, 0, 4);
        }
    }

    static FileMetaInfo readMeta(DicomInput in) throws IOException {
        if (!in.canPeek(PREAMBLE_LENGTH + 4)) {
            throw in.error("not a DICOM Part 10 file: shorter than preamble and prefix (PS3.10 §7.1)");
        }
        in.skip(PREAMBLE_LENGTH);
        byte[] prefix = in.readBytes(4);
        if (!Arrays.equals(prefix, PREFIX)) {
            throw in.error("not a DICOM Part 10 file: no \"DICM\" prefix at offset 128 (PS3.10 §7.1)", PREAMBLE_LENGTH);
        }
        Attributes meta = new Attributes();
        DicomReader.readMetaGroup(in, meta);
        if (meta.getString(Tag.TRANSFER_SYNTAX_UID).isEmpty()) {
            throw in.error("File Meta Information without Transfer Syntax UID (0002,0010)");
        }
        return new FileMetaInfo(meta, in.position());
    }

    /** Writes preamble, prefix and the meta elements, with a freshly computed (0002,0000) group length. */
    public static void writeFileMetaInfo(OutputStream out, FileMetaInfo meta) throws IOException {
        out.write(new byte[PREAMBLE_LENGTH]);
        out.write(PREFIX);
        Attributes group = new Attributes();
        group.putInts(Tag.FILE_META_INFORMATION_GROUP_LENGTH, VR.UL, 0); // the writer fills in the length
        meta.attributes().elements().stream()
                .filter(e -> Tag.group(e.tag()) == 2 && e.tag() != Tag.FILE_META_INFORMATION_GROUP_LENGTH)
                .forEach(group::put);
        DicomWriter.writeElements(out, group, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
}
