package org.telecare.dicom.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Specific Character Set (0008,0005): decoding and encoding of the values of SH, LO, ST, LT,
 * PN, UC and UT (PS3.5 §6.1, defined terms in PS3.3 C.12.1.1.2).
 *
 * <p>Single character sets without code extensions map to one Java charset (ISO_IR 100 to
 * ISO-8859-1 ..., ISO_IR 192 to UTF-8, GB18030, GBK). With code extensions ("ISO 2022 IR
 * ..."), escape sequences switch the G0 / G1 code elements (PS3.5 §6.1.2.5); JIS X 0208
 * (IR 87), JIS X 0212 (IR 159), KS X 1001 (IR 149), GB 2312 (IR 58), JIS X 0201 (IR 13) and
 * the ISO 8859 parts are supported. After a delimiter (CR, LF, FF, TAB, and in values "\",
 * "^", "=") the decoder returns to the initial code elements (PS3.5 §6.1.2.5.3).
 */
public final class SpecificCharacterSet {
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of(Term.DEFAULT), false, null, null);

    /** A defined term: its G0 or G1 code element, Java charset, and escape sequence (PS3.3 Table C.12-3/C.12-4). */
    private enum Term {
        DEFAULT("ISO_IR 6", "US-ASCII", false, "\u001b(B", 1),
        IR100("ISO_IR 100", "ISO-8859-1", true, "\u001b-A", 1),
        IR101("ISO_IR 101", "ISO-8859-2", true, "\u001b-B", 1),
        IR109("ISO_IR 109", "ISO-8859-3", true, "\u001b-C", 1),
        IR110("ISO_IR 110", "ISO-8859-4", true, "\u001b-D", 1),
        IR144("ISO_IR 144", "ISO-8859-5", true, "\u001b-L", 1),
        IR127("ISO_IR 127", "ISO-8859-6", true, "\u001b-G", 1),
        IR126("ISO_IR 126", "ISO-8859-7", true, "\u001b-F", 1),
        IR138("ISO_IR 138", "ISO-8859-8", true, "\u001b-H", 1),
        IR148("ISO_IR 148", "ISO-8859-9", true, "\u001b-M", 1),
        IR203("ISO_IR 203", "ISO-8859-15", true, "\u001b-b", 1),
        IR166("ISO_IR 166", "TIS-620", true, "\u001b-T", 1),
        IR13("ISO_IR 13", "JIS_X0201", true, "\u001b)I", 1),
        IR87("ISO_IR 87", "EUC-JP", false, "\u001b$B", 2),
        IR159("ISO_IR 159", "EUC-JP", false, "\u001b$(D", 2),
        IR149("ISO_IR 149", "EUC-KR", true, "\u001b$)C", 2),
        IR58("ISO_IR 58", "GB2312", true, "\u001b$)A", 2),
        IR192("ISO_IR 192", "UTF-8", true, "", 0),
        GB18030("GB18030", "GB18030", true, "", 0),
        GBK("GBK", "GBK", true, "", 0);

        final String name;
        final Charset charset;
        final boolean g1;
        final String escape;
        final int bytesPerChar;

        Term(String name, String charset, boolean g1, String escape, int bytesPerChar) {
            this.name = name;
            this.charset = Charset.forName(charset);
            this.g1 = g1;
            this.escape = escape;
            this.bytesPerChar = bytesPerChar;
        }

        static Term lookup(String value) {
            String v = value.strip().toUpperCase(Locale.ROOT);
            if (v.isEmpty() || v.equals("ISO 2022 IR 6")) {
                return DEFAULT;
            }
            String normal = v.startsWith("ISO 2022 IR ") ? "ISO_IR " + v.substring(12) : v;
            for (Term t : values()) {
                if (t.name.equals(normal)) {
                    return t;
                }
            }
            return null;
        }
    }

    private final List<Term> terms;
    private final boolean codeExtensions;
    /** A Java charset named by a value that is not a defined term, or null. */
    private final Charset other;
    private final String otherName;

    private SpecificCharacterSet(List<Term> terms, boolean codeExtensions, Charset other, String otherName) {
        this.terms = terms;
        this.codeExtensions = codeExtensions;
        this.other = other;
        this.otherName = otherName;
    }

    /**
     * The character set for the values of (0008,0005); no values means the default repertoire.
     *
     * @throws IllegalArgumentException for a term that is neither a defined term nor a Java charset name
     */
    public static SpecificCharacterSet of(String... values) {
        if (values.length == 0 || values.length == 1 && values[0].isBlank()) {
            return DEFAULT;
        }
        List<Term> terms = new ArrayList<>();
        boolean extensions = values.length > 1;
        for (String v : values) {
            extensions |= v.strip().toUpperCase(Locale.ROOT).startsWith("ISO 2022");
            Term term = Term.lookup(v);
            if (term == null) {
                if (values.length == 1 && Charset.isSupported(v.strip())) {
                    // Not a defined term, but devices send e.g. "GB2312": honour what they meant.
                    return new SpecificCharacterSet(List.of(Term.DEFAULT), false, Charset.forName(v.strip()), v.strip());
                }
                throw new IllegalArgumentException("unsupported Specific Character Set term: " + v);
            }
            terms.add(term);
        }
        return new SpecificCharacterSet(List.copyOf(terms), extensions, null, null);
    }

    /**
     * As {@link #of(String...)}, but an unsupported value yields the default repertoire (decoded
     * leniently as ISO 8859-1) instead of an exception: what a reader of received data wants.
     */
    public static SpecificCharacterSet lenient(String... values) {
        try {
            return of(values);
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }

    /** The defined terms, e.g. ["ISO_IR 192"]; the first is the initial character set. */
    public List<String> terms() {
        return other != null ? List.of(otherName) : terms.stream().map(t -> t.name).toList();
    }

    public boolean usesCodeExtensions() {
        return codeExtensions;
    }

    public String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public String decode(byte[] bytes, int offset, int length) {
        Term first = terms.getFirst();
        if (other != null) {
            return new String(bytes, offset, length, other);
        }
        if (!codeExtensions) {
            // The default repertoire is ASCII; read stray 8-bit bytes as Latin-1 rather than failing.
            Charset cs = first == Term.DEFAULT ? StandardCharsets.ISO_8859_1 : first.charset;
            return new String(bytes, offset, length, cs);
        }
        return new Iso2022Decoder(first).decode(bytes, offset, length);
    }

    /** Encodes with the first term, or with escape sequences switching between the terms (PS3.5 §6.1.2.5). */
    public byte[] encode(String text) {
        Term first = terms.getFirst();
        if (other != null) {
            return text.getBytes(other);
        }
        if (!codeExtensions) {
            return text.getBytes(first.charset);
        }
        return new Iso2022Encoder().encode(text);
    }

    private static boolean isDelimiter(int b) {
        return b == '\r' || b == '\n' || b == '\f' || b == '\t' || b == '\\' || b == '^' || b == '=';
    }

    /** Decoder state: active G0 (ASCII or a 94x94 set) and G1 (upper half) code elements. */
    private static final class Iso2022Decoder {
        private final Term initialG1;
        private Term g0 = Term.DEFAULT;
        private Term g1;
        private final StringBuilder out = new StringBuilder();
        private final ByteArrayOutputStream run = new ByteArrayOutputStream();
        private Term runTerm;

        Iso2022Decoder(Term first) {
            this.initialG1 = first.g1 ? first : null;
            this.g1 = initialG1;
        }

        String decode(byte[] b, int offset, int length) {
            int end = offset + length;
            int i = offset;
            while (i < end) {
                int c = b[i] & 0xFF;
                if (c == 0x1B) {
                    i = escape(b, i, end);
                    continue;
                }
                if (c < 0x80) {
                    if (g0.bytesPerChar == 2 && i + 1 < end && (b[i + 1] & 0xFF) >= 0x21 && c >= 0x21) {
                        if (g0 == Term.IR159) {
                            append(g0, 0x8F);
                        }
                        append(g0, c | 0x80);
                        append(g0, b[i + 1] & 0xFF | 0x80);
                        i += 2;
                        continue;
                    }
                    append(Term.DEFAULT, c);
                    if (isDelimiter(c)) {
                        g0 = Term.DEFAULT;
                        g1 = initialG1;
                    }
                    i++;
                    continue;
                }
                Term t = g1 != null ? g1 : Term.IR100;
                if (t.bytesPerChar == 2 && i + 1 < end) {
                    append(t, c);
                    append(t, b[i + 1] & 0xFF);
                    i += 2;
                } else {
                    append(t, c);
                    i++;
                }
            }
            flush();
            return out.toString();
        }

        private int escape(byte[] b, int i, int end) {
            for (Term t : Term.values()) {
                byte[] esc = t.escape.getBytes(StandardCharsets.US_ASCII);
                if (esc.length > 0 && i + esc.length <= end && Arrays.equals(b, i, i + esc.length, esc, 0, esc.length)) {
                    if (t.g1) {
                        g1 = t;
                    } else {
                        g0 = t;
                    }
                    return i + esc.length;
                }
            }
            if (i + 3 <= end && b[i + 1] == '(' && b[i + 2] == 'J') { // JIS X 0201 Romaji in G0: ASCII-like
                g0 = Term.DEFAULT;
                return i + 3;
            }
            append(Term.DEFAULT, 0x1B); // unknown escape: keep the byte
            return i + 1;
        }

        private void append(Term t, int c) {
            if (runTerm != t && run.size() > 0) {
                flush();
            }
            runTerm = t;
            run.write(c);
        }

        private void flush() {
            if (run.size() > 0) {
                out.append(new String(run.toByteArray(), runTerm.charset));
                run.reset();
            }
        }
    }

    /** Encodes each character with the first term able to, emitting escapes on every switch. */
    private final class Iso2022Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Term initialG1 = terms.getFirst().g1 ? terms.getFirst() : null;
        private Term g0 = Term.DEFAULT;
        private Term g1 = initialG1;

        byte[] encode(String text) {
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                i += ch.length();
                if (cp < 0x80) {
                    if (g0 != Term.DEFAULT) {
                        switchTo(Term.DEFAULT);
                    }
                    out.write(cp);
                    if (isDelimiter(cp)) {
                        g0 = Term.DEFAULT;
                        g1 = initialG1;
                    }
                    continue;
                }
                writeNonAscii(ch);
            }
            if (g0 != Term.DEFAULT) {
                switchTo(Term.DEFAULT);
            }
            return out.toByteArray();
        }

        private void writeNonAscii(String ch) {
            for (Term t : terms) {
                if (t == Term.DEFAULT) {
                    continue;
                }
                byte[] bytes = tryEncode(t, ch);
                if (bytes == null) {
                    continue;
                }
                if (t == Term.IR87 || t == Term.IR159) {
                    int start = t == Term.IR159 ? 1 : 0;
                    if (bytes.length - start != 2 || t == Term.IR159 && (bytes[0] & 0xFF) != 0x8F
                            || t == Term.IR87 && (bytes[0] & 0xFF) == 0x8F || (bytes[0] & 0xFF) == 0x8E) {
                        continue;
                    }
                    if (g0 != t) {
                        switchTo(t);
                    }
                    out.write(bytes[start] & 0x7F);
                    out.write(bytes[start + 1] & 0x7F);
                } else {
                    if (g1 != t) {
                        switchTo(t);
                    }
                    out.writeBytes(bytes);
                }
                return;
            }
            throw new IllegalArgumentException("character " + ch + " cannot be encoded in " + terms());
        }

        private void switchTo(Term t) {
            out.writeBytes(t.escape.getBytes(StandardCharsets.US_ASCII));
            if (t.g1) {
                g1 = t;
            } else {
                g0 = t;
            }
        }

        private byte[] tryEncode(Term t, String ch) {
            CharsetEncoder encoder = t.charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                ByteBuffer buffer = encoder.encode(CharBuffer.wrap(ch));
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes.length > 0 && (bytes[0] & 0x80) != 0 ? bytes : null;
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }
}
