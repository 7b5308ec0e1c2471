package org.telecare.dicomweb.multipart;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartTest {
    record Part(Map<String, String> headers, byte[] content) {
    }

    static final class Collector implements MultipartParser.Parts {
        final List<Part> parts = new ArrayList<>();
        Map<String, String> headers;
        ByteArrayOutputStream content;

        @Override
        public void started(Map<String, String> h) {
            headers = h;
            content = new ByteArrayOutputStream();
        }

        @Override
        public void data(Buffer chunk) {
            content.writeBytes(chunk.getBytes());
        }

        @Override
        public void ended() {
            parts.add(new Part(headers, content.toByteArray()));
        }
    }

    private static byte[] body(MultipartWriter w, List<byte[]> contents) {
        Buffer b = Buffer.buffer("preamble to be ignored\r\n");
        for (byte[] c : contents) {
            b.appendBuffer(w.partStart("application/dicom", Map.of("Content-Location", "/x"))).appendBytes(c);
        }
        return b.appendBuffer(w.close()).appendString("epilogue").getBytes();
    }

    private static List<Part> parse(String boundary, byte[] body, int chunk) {
        Collector c = new Collector();
        MultipartParser p = new MultipartParser(boundary, c);
        for (int i = 0; i < body.length; i += chunk) {
            p.feed(Buffer.buffer(java.util.Arrays.copyOfRange(body, i, Math.min(body.length, i + chunk))));
        }
        p.end();
        return c.parts;
    }

    @Test
    void whatTheWriterFramesTheParserReadsBackInAnyChunking() {
        Random random = new Random(7);
        byte[] a = new byte[5000];
        random.nextBytes(a);
        byte[] b = "\r\n--not-the-boundary\r\n--".getBytes(StandardCharsets.US_ASCII); // boundary look-alikes inside
        byte[] empty = new byte[0];
        MultipartWriter w = new MultipartWriter();
        byte[] body = body(w, List.of(a, b, empty));
        for (int chunk : new int[] {1, 2, 3, 7, 41, 64, 1000, body.length}) {
            List<Part> parts = parse(w.boundary(), body, chunk);
            assertThat(parts).as("chunk " + chunk).hasSize(3);
            assertThat(parts.get(0).content()).isEqualTo(a);
            assertThat(parts.get(1).content()).isEqualTo(b);
            assertThat(parts.get(2).content()).isEmpty();
            assertThat(parts.get(0).headers()).containsEntry("content-type", "application/dicom")
                    .containsEntry("content-location", "/x");
        }
    }

    @Test
    void aBodyFromAnotherClientWithoutPreambleAndWithPaddingAndFoldedHeaders() {
        String body = "--XYZ  \r\nContent-Type: application/dicom;\r\n transfer-syntax=1.2.840.10008.1.2.1\r\n\r\nDATA1"
                + "\r\n--XYZ\r\n\r\nno headers\r\n--XYZ--";
        List<Part> parts = parse("XYZ", body.getBytes(StandardCharsets.US_ASCII), 5);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).headers().get("content-type"))
                .isEqualTo("application/dicom; transfer-syntax=1.2.840.10008.1.2.1");
        assertThat(new String(parts.get(0).content(), StandardCharsets.US_ASCII)).isEqualTo("DATA1");
        assertThat(parts.get(1).headers()).isEmpty();
    }

    @Test
    void truncatedAndMalformedBodiesAreErrorsThatSayWhere() {
        MultipartWriter w = new MultipartWriter();
        byte[] body = body(w, List.of(new byte[100], new byte[100]));
        String full = new String(body, StandardCharsets.ISO_8859_1);
        int close = full.lastIndexOf("--" + w.boundary() + "--");
        for (int cut : new int[] {close, close - 50, 30, full.indexOf("\r\n\r\n") - 3}) {
            byte[] truncated = java.util.Arrays.copyOf(body, cut);
            assertThatThrownBy(() -> parse(w.boundary(), truncated, 16)).isInstanceOf(MultipartException.class)
                    .hasMessageMatching(".*(inside|never appears).*");
        }
        assertThatThrownBy(() -> parse("B", "--B\r\nno colon here\r\n\r\nx\r\n--B--".getBytes(StandardCharsets.US_ASCII), 4))
                .hasMessageContaining("malformed header");
        assertThatThrownBy(() -> parse("B", "--Bjunk\r\n\r\nx\r\n--B--".getBytes(StandardCharsets.US_ASCII), 4))
                .hasMessageContaining("CRLF");
        byte[] hugeHeaders = ("--B\r\nX: " + "a".repeat(MultipartParser.MAX_HEADER_BYTES + 10)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parse("B", hugeHeaders, 1024)).hasMessageContaining("exceed");
    }

    @Test
    void contentTypesAndBoundariesAreParsedStrictly() {
        ContentType t = ContentType.parse("Multipart/Related; type=\"application/dicom\"; boundary=\"a b:c\"");
        assertThat(t.type()).isEqualTo("multipart/related");
        assertThat(t.parameter("TYPE")).contains("application/dicom");
        assertThat(t.boundary()).isEqualTo("a b:c");
        assertThat(ContentType.parse("multipart/related;boundary=abc").boundary()).isEqualTo("abc");
        assertThatThrownBy(() -> ContentType.parse("multipart/related").boundary()).hasMessageContaining("boundary");
        String orthanc = "0eedb1a3-daaa-42ab-a391-b6a14d8c6282-0eedb1a3-daaa-42ab-a391-b6a14d8c6282";
        assertThat(ContentType.parse("multipart/related; boundary=" + orthanc).boundary())
                .as("73 characters, past RFC 2046's 70, as Orthanc's DICOMweb plugin sends").isEqualTo(orthanc);
        assertThatThrownBy(() -> ContentType.parse("multipart/related; boundary=" + "x".repeat(201)).boundary())
                .hasMessageContaining("valid boundary");
        assertThatThrownBy(() -> ContentType.parse("multipart/related; boundary=a<b").boundary())
                .hasMessageContaining("valid boundary");
        assertThatThrownBy(() -> ContentType.parse("not a type")).hasMessageContaining("media type");
        assertThatThrownBy(() -> ContentType.parse("a/b; x=\"open")).hasMessageContaining("unterminated");
    }
}
