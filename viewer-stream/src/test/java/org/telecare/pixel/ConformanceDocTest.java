package org.telecare.pixel;

import org.junit.jupiter.api.Test;
import org.telecare.pixel.codec.Decoders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The conformance statement's table of decodable transfer syntaxes is the decoders' own list. */
class ConformanceDocTest {
    @Test
    void decodableTransferSyntaxesAreListedExactly() throws Exception {
        String doc = Files.readString(Path.of("../docs/dicom-conformance.md"));
        String section = doc.substring(doc.indexOf("Decodable transfer syntaxes"));
        section = section.substring(0, section.indexOf("\n\n", section.indexOf("|")));
        List<String> listed = new ArrayList<>();
        Matcher m = Pattern.compile("\\| (1\\.2\\.840\\.10008\\.[0-9.]+) \\|").matcher(section);
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(Decoders.supported());
    }
}
