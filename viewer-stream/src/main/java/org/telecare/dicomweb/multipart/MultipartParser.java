package org.telecare.dicomweb.multipart;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A push parser of a multipart body (RFC 2046 §5.1.1): feed it the body as it arrives, and it
 * hands each part's headers, content (in chunks, never whole) and end to a {@link Parts}
 * listener. Memory is bounded by the part header limit plus one boundary, whatever the body size.
 * A body that ends before the close delimiter is an error: STOW-RS must not store half an object.
 */
public final class MultipartParser {
    /** What the parser finds, in order: per part {@code started}, {@code data}*, {@code ended}. */
    public interface Parts {
        void started(Map<String, String> headers);

        void data(Buffer chunk);

        void ended();
    }

    private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, BODY, EPILOGUE }

    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private final byte[] delimiter;       // CRLF "--" boundary
    private final Parts parts;
    private State state = State.PREAMBLE;
    private byte[] pending = new byte[0];
    private int partCount;

    public MultipartParser(String boundary, Parts parts) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.parts = parts;
        // The first delimiter may open the body without a preceding CRLF: pretend one was there.
        this.pending = new byte[] {'\r', '\n'};
    }

    public int partCount() {
        return partCount;
    }

    public void feed(Buffer chunk) {
        byte[] bytes = chunk.getBytes();
        byte[] joined = Arrays.copyOf(pending, pending.length + bytes.length);
        System.arraycopy(bytes, 0, joined, pending.length, bytes.length);
        pending = joined;
        advance();
    }

    /** The body is complete: anything but a finished close delimiter is an error. */
    public void end() {
        if (state != State.EPILOGUE) {
            throw new MultipartException(switch (state) {
                case PREAMBLE -> "no part found: the boundary never appears";
                case HEADERS -> "the body ends inside the headers of part " + partCount;
                case BODY, AFTER_DELIMITER -> "the body ends inside part " + partCount + " (no close delimiter)";
                case EPILOGUE -> "";
            });
        }
    }

    private void advance() {
        while (true) {
            switch (state) {
                case PREAMBLE -> {
                    int at = indexOf(pending, delimiter, 0);
                    if (at < 0) {
                        keepTail();
                        return;
                    }
                    pending = Arrays.copyOfRange(pending, at + delimiter.length, pending.length);
                    state = State.AFTER_DELIMITER;
                }
                case AFTER_DELIMITER -> {
                    // "--" closes; otherwise optional transport padding then CRLF (RFC 2046 §5.1.1).
                    if (pending.length < 2) {
                        return;
                    }
                    if (pending[0] == '-' && pending[1] == '-') {
                        state = State.EPILOGUE;
                        pending = new byte[0];
                        return;
                    }
                    int i = 0;
                    while (i < pending.length && (pending[i] == ' ' || pending[i] == '\t')) {
                        i++;
                    }
                    if (i + 1 >= pending.length) {
                        if (i > 998) {
                            throw new MultipartException("garbage after the delimiter of part " + (partCount + 1));
                        }
                        return;
                    }
                    if (pending[i] != '\r' || pending[i + 1] != '\n') {
                        throw new MultipartException("the delimiter of part " + (partCount + 1)
                                + " is not followed by CRLF");
                    }
                    pending = Arrays.copyOfRange(pending, i + 2, pending.length);
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    int end = indexOf(pending, new byte[] {'\r', '\n', '\r', '\n'}, 0);
                    boolean noHeaders = pending.length >= 2 && pending[0] == '\r' && pending[1] == '\n';
                    if (end < 0 && !noHeaders) {
                        if (pending.length > MAX_HEADER_BYTES) {
                            throw new MultipartException("the headers of part " + (partCount + 1) + " exceed "
                                    + MAX_HEADER_BYTES + " bytes");
                        }
                        return;
                    }
                    Map<String, String> headers;
                    if (noHeaders) {
                        headers = Map.of();
                        pending = Arrays.copyOfRange(pending, 2, pending.length);
                    } else {
                        headers = headers(new String(pending, 0, end, StandardCharsets.ISO_8859_1));
                        pending = Arrays.copyOfRange(pending, end + 4, pending.length);
                    }
                    partCount++;
                    parts.started(headers);
                    state = State.BODY;
                }
                case BODY -> {
                    int at = indexOf(pending, delimiter, 0);
                    if (at < 0) {
                        int safe = pending.length - (delimiter.length - 1);
                        if (safe > 0) {
                            parts.data(Buffer.buffer(Arrays.copyOfRange(pending, 0, safe)));
                            pending = Arrays.copyOfRange(pending, safe, pending.length);
                        }
                        return;
                    }
                    if (at > 0) {
                        parts.data(Buffer.buffer(Arrays.copyOfRange(pending, 0, at)));
                    }
                    parts.ended();
                    pending = Arrays.copyOfRange(pending, at + delimiter.length, pending.length);
                    state = State.AFTER_DELIMITER;
                }
                case EPILOGUE -> {
                    pending = new byte[0]; // ignored (RFC 2046 §5.1.1)
                    return;
                }
            }
        }
    }

    private void keepTail() {
        int keep = Math.min(pending.length, delimiter.length - 1);
        pending = Arrays.copyOfRange(pending, pending.length - keep, pending.length);
    }

    private Map<String, String> headers(String block) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        for (String line : block.split("\r\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                out.put(name, out.get(name) + " " + line.strip()); // folded continuation
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MultipartException("a malformed header in part " + (partCount + 1) + ": " + line);
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            out.put(name, line.substring(colon + 1).strip());
        }
        return out;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
