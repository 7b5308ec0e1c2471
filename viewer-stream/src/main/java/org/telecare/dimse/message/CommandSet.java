package org.telecare.dimse.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command set: the group 0000 elements of one message, in tag order, encoded in Implicit
 * VR Little Endian with (0000,0000) Command Group Length first (PS3.7 §6.3, §9.1, Annex E).
 * Values are {@code Integer} for US/UL, {@code String} for UI/AE/SH/LO and {@code int[]} for AT.
 * Elements the dictionary does not know are skipped on decode.
 */
public final class CommandSet {

    /** Cap on an encoded command set: a few hundred bytes in practice. */
    public static final int MAX_ENCODED_LENGTH = 64 * 1024;

    private final TreeMap<Integer, Object> values = new TreeMap<>(Integer::compareUnsigned);

    public CommandSet put(CommandElement e, Object value) {
        if (e == CommandElement.COMMAND_GROUP_LENGTH) {
            throw new IllegalArgumentException("the group length is computed on encode");
        }
        if (value == null) {
            values.remove(e.tag());
            return this;
        }
        switch (e.vr()) {
            case US -> checkRange(e, (Integer) value, 0xFFFF);
            case UL -> checkRange(e, (Integer) value, Integer.MAX_VALUE);
            case UI, AE, SH, LO -> {
                String s = (String) value;
                int max = switch (e.vr()) {
                    case UI -> 64;
                    case AE -> 16;
                    case SH -> 16;
                    default -> 64;
                };
                if (s.length() > max) {
                    throw new IllegalArgumentException(e + " longer than " + max + ": " + s);
                }
            }
            case AT -> value = ((int[]) value).clone();
        }
        values.put(e.tag(), value);
        return this;
    }

    public boolean contains(CommandElement e) {
        return values.containsKey(e.tag());
    }

    public Integer getInt(CommandElement e) {
        return (Integer) values.get(e.tag());
    }

    public int getInt(CommandElement e, int orElse) {
        Integer v = getInt(e);
        return v == null ? orElse : v;
    }

    public String getString(CommandElement e) {
        return (String) values.get(e.tag());
    }

    public int[] getTags(CommandElement e) {
        int[] v = (int[]) values.get(e.tag());
        return v == null ? null : v.clone();
    }

    /** The command field (0000,0100). */
    public int commandField() {
        Integer v = getInt(CommandElement.COMMAND_FIELD);
        if (v == null) {
            throw new IllegalStateException("command set without (0000,0100) Command Field");
        }
        return v;
    }

    /** Whether a data set follows (PS3.7 Table E.1-1: (0000,0800) other than 0101H). */
    public boolean hasDataSet() {
        return getInt(CommandElement.COMMAND_DATA_SET_TYPE, CommandElement.NO_DATA_SET) != CommandElement.NO_DATA_SET;
    }

    Map<Integer, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** Implicit VR Little Endian, group length first. */
    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        for (Map.Entry<Integer, Object> entry : values.entrySet()) {
            CommandElement e = CommandElement.of(entry.getKey());
            byte[] value = encodeValue(e.vr(), entry.getValue());
            writeHeader(body, e.tag(), value.length);
            body.writeBytes(value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 12);
        writeHeader(out, CommandElement.COMMAND_GROUP_LENGTH.tag(), 4);
        out.writeBytes(le32(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** Decodes a command set; throws {@link DimseException} when it is malformed. */
    public static CommandSet decode(byte[] bytes) throws DimseException {
        if (bytes.length > MAX_ENCODED_LENGTH) {
            throw new DimseException("command set of " + bytes.length + " bytes is too long");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CommandSet cs = new CommandSet();
        while (b.hasRemaining()) {
            if (b.remaining() < 8) {
                throw new DimseException("truncated command element header");
            }
            int group = b.getShort() & 0xFFFF;
            int element = b.getShort() & 0xFFFF;
            long length = b.getInt() & 0xFFFFFFFFL;
            if (group != 0) {
                throw new DimseException(String.format("element (%04X,%04X) outside group 0000 in a command set", group, element));
            }
            if (length > b.remaining()) {
                throw new DimseException(String.format("element (0000,%04X) of %d bytes overruns the command set", element, length));
            }
            byte[] value = new byte[(int) length];
            b.get(value);
            CommandElement e = CommandElement.of(element);
            if (e == null || e == CommandElement.COMMAND_GROUP_LENGTH) {
                continue;
            }
            cs.values.put(e.tag(), decodeValue(e, value));
        }
        if (!cs.contains(CommandElement.COMMAND_FIELD)) {
            throw new DimseException("command set without (0000,0100) Command Field");
        }
        return cs;
    }

    private static Object decodeValue(CommandElement e, byte[] v) throws DimseException {
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
        return switch (e.vr()) {
            case US -> {
                if (v.length != 2) {
                    throw new DimseException(e + " must have 2 bytes, has " + v.length);
                }
                yield b.getShort() & 0xFFFF;
            }
            case UL -> {
                if (v.length != 4) {
                    throw new DimseException(e + " must have 4 bytes, has " + v.length);
                }
                yield b.getInt();
            }
            case AT -> {
                if (v.length % 4 != 0) {
                    throw new DimseException(e + " length is not a multiple of 4");
                }
                int[] tags = new int[v.length / 4];
                for (int i = 0; i < tags.length; i++) {
                    tags[i] = ((b.getShort() & 0xFFFF) << 16) | (b.getShort() & 0xFFFF);
                }
                yield tags;
            }
            case UI -> stripTrailing(new String(v, StandardCharsets.US_ASCII));
            case AE, SH, LO -> stripTrailing(new String(v, StandardCharsets.ISO_8859_1)).strip();
        };
    }

    private static byte[] encodeValue(CommandElement.Vr vr, Object value) {
        return switch (vr) {
            case US -> new byte[]{(byte) (int) (Integer) value, (byte) ((Integer) value >>> 8)};
            case UL -> le32((Integer) value);
            case AT -> {
                int[] tags = (int[]) value;
                ByteBuffer b = ByteBuffer.allocate(tags.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int t : tags) {
                    b.putShort((short) (t >>> 16)).putShort((short) t);
                }
                yield b.array();
            }
            case UI -> pad((String) value, (byte) 0, StandardCharsets.US_ASCII);
            case AE, SH, LO -> pad((String) value, (byte) ' ', StandardCharsets.ISO_8859_1);
        };
    }

    /** Even length (PS3.5 §7.1.1): UI pads with NUL, text VRs with a space. */
    private static byte[] pad(String s, byte padding, java.nio.charset.Charset cs) {
        byte[] b = s.getBytes(cs);
        if (b.length % 2 == 0) {
            return b;
        }
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        out[b.length] = padding;
        return out;
    }

    /** Drops the trailing padding: NUL for UI, space for the text VRs (a stray space after a UID too). */
    private static String stripTrailing(String s) {
        int len = s.length();
        while (len > 0 && (s.charAt(len - 1) == '\0' || s.charAt(len - 1) == ' ')) {
            len--;
        }
        return s.substring(0, len);
    }

    private static void writeHeader(ByteArrayOutputStream out, int tag, int length) {
        out.write(tag >>> 16);
        out.write(tag >>> 24);
        out.write(tag);
        out.write(tag >>> 8);
        out.writeBytes(le32(length));
    }

    private static byte[] le32(int v) {
        return new byte[]{(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static void checkRange(CommandElement e, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(e + " out of range: " + v);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CommandSet[");
        values.forEach((tag, v) -> sb.append(CommandElement.of(tag).name()).append('=')
                .append(v instanceof int[] a ? java.util.Arrays.toString(a) : v).append(' '));
        return sb.append(']').toString();
    }
}
