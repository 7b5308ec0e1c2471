package org.telecare.dicomweb.multipart;

import io.vertx.core.buffer.Buffer;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The framing of a {@code multipart/related} answer: a random boundary, each part's delimiter
 * and headers, and the close delimiter. Content goes between them as the caller streams it, so
 * a series of any size is answered without holding it in memory.
 */
public final class MultipartWriter {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String boundary;
    private boolean first = true;

    public MultipartWriter() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        this.boundary = "telecare-" + HexFormat.of().formatHex(b);
    }

    public String boundary() {
        return boundary;
    }

    /** The answer's {@code Content-Type}, e.g. for {@code application/dicom} parts (PS3.18 §8.6.1.2). */
    public String contentType(String partType) {
        return "multipart/related; type=\"" + partType + "\"; boundary=" + boundary;
    }

    /** What goes before a part's content. */
    public Buffer partStart(String contentType, Map<String, String> headers) {
        StringBuilder s = new StringBuilder();
        s.append(first ? "" : "\r\n").append("--").append(boundary).append("\r\n");
        s.append("Content-Type: ").append(contentType).append("\r\n");
        headers.forEach((k, v) -> s.append(k).append(": ").append(v).append("\r\n"));
        s.append("\r\n");
        first = false;
        return Buffer.buffer(s.toString());
    }

    /** What ends the body. */
    public Buffer close() {
        return Buffer.buffer((first ? "" : "\r\n") + "--" + boundary + "--\r\n");
    }
}
