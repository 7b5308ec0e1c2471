package org.telecare.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Element;
import org.telecare.dicom.data.Tag;

class DicomHandlerTest {
    @TempDir
    Path dir;

    @Test
    void elementsArriveInOrderAndAreNotKept() throws Exception {
        Attributes dataset = Fixtures.withNativePixels(Fixtures.withSequences(Fixtures.allVrs()));
        byte[] bytes = DicomWriter.toBytes(dataset, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        List<Integer> tags = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> retained = new ArrayList<>();
        DicomReader.parse(new ByteArrayInputStream(bytes), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT,
                (context, element) -> {
                    tags.add(element.tag());
                    retained.add(context.size());
                    if (element.tag() == Tag.PATIENT_NAME) {
                        names.add(context.getString(Tag.PATIENT_NAME).orElse("(removed)"));
                        names.add(context.specificCharacterSet().terms().getFirst());
                    }
                    return true;
                });
        assertThat(tags).containsExactlyElementsOf(dataset.elements().stream().map(Element::tag).toList());
        assertThat(names).containsExactly("Müller^Hans", "ISO_IR 100");
        assertThat(retained).allMatch(n -> n <= 2, "at most the character set and the current element");
    }

    @Test
    void theHandlerCanStopEarly() throws Exception {
        Attributes dataset = Fixtures.withNativePixels(Fixtures.allVrs());
        Path file = dir.resolve("f.dcm");
        DicomWriter.writeFile(file, FileMetaInfo.forDataset(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), dataset);
        List<Integer> tags = new ArrayList<>();
        FileMetaInfo meta = DicomReader.parseFile(file, ReadOptions.DEFAULT, (context, element) -> {
            tags.add(element.tag());
            return element.tag() != Tag.PATIENT_ID;
        });
        assertThat(meta.mediaStorageSopInstanceUid()).contains(Fixtures.INSTANCE_UID);
        assertThat(tags).last().isEqualTo(Tag.PATIENT_ID);
        assertThat(tags).doesNotContain(Tag.PIXEL_DATA);
        assertThat(Files.size(file)).isPositive();
    }
}
