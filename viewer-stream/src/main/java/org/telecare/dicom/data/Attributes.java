package org.telecare.dicom.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A data set or sequence item: data elements in ascending tag order (PS3.5 §7.1).
 *
 * <p>Values are kept as encoded (little endian, padded) with their VR, so elements nobody
 * touched, private and unknown ones included, are written back byte for byte. The typed
 * getters decode on demand; string values use the Specific Character Set (0008,0005) of this
 * data set or, in an item, of the enclosing data set (PS3.5 §6.1.2.3); strings are encoded when
 * put, so set (0008,0005) before putting text that needs it. Not thread-safe: share a
 * {@link #copy()} rather than the instance.
 */
public final class Attributes {
    private final TreeMap<Integer, Element> elements = new TreeMap<>(Tag::compare);
    private final Attributes parent;
    private boolean undefinedLength;
    private SpecificCharacterSet charset;

    public Attributes() {
        this(null, false);
    }

    Attributes(Attributes parent, boolean undefinedLength) {
        this.parent = parent;
        this.undefinedLength = undefinedLength;
    }

    /**
     * A deep copy: sequences and items are copied, byte values and bulk data references (which
     * are not modified in place) are shared. Fragments are copied as a list of the same values.
     */
    public Attributes copy() {
        return copyInto(null);
    }

    private Attributes copyInto(Attributes newParent) {
        Attributes copy = new Attributes(newParent, undefinedLength);
        for (Element e : elements.values()) {
            Value value = switch (e.value()) {
                case Sequence s -> {
                    Sequence seq = new Sequence(copy, s.undefinedLength());
                    for (Attributes item : s) {
                        seq.addCopy(item.copyInto(copy));
                    }
                    yield seq;
                }
                case Fragments f -> {
                    Fragments frags = new Fragments(f.basicOffsetTable());
                    f.fragments().forEach(frags::add);
                    yield frags;
                }
                default -> e.value();
            };
            copy.put(e.tag(), e.vr(), value);
        }
        return copy;
    }

    /** The data set that contains the sequence holding this item, or {@code null} at top level. */
    public Attributes parent() {
        return parent;
    }

    /** For an item: was (or will be) encoded with undefined length and an Item Delimitation Item (PS3.5 §7.5.2). */
    public boolean undefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public Element get(int tag) {
        return elements.get(tag);
    }

    /** Elements in ascending tag order. */
    public Collection<Element> elements() {
        return Collections.unmodifiableCollection(elements.values());
    }

    public Element remove(int tag) {
        if (tag == Tag.SPECIFIC_CHARACTER_SET) {
            charset = null;
        }
        return elements.remove(tag);
    }

    public Attributes put(Element element) {
        if (element.tag() == Tag.SPECIFIC_CHARACTER_SET) {
            charset = null;
        }
        elements.put(element.tag(), element);
        return this;
    }

    public Attributes put(int tag, VR vr, Value value) {
        return put(new Element(tag, vr, value));
    }

    /** Stores raw little-endian bytes; odd lengths are padded with the VR's padding byte (PS3.5 §7.1.1). */
    public Attributes putBytes(int tag, VR vr, byte[] bytes) {
        return put(tag, vr, new ByteValue(pad(bytes, vr)));
    }

    /** Stores string values joined by backslash, encoded with this data set's character set where the VR is affected by it. */
    public Attributes putString(int tag, VR vr, String... values) {
        if (!vr.isString()) {
            throw new IllegalArgumentException(vr + " is not a string VR");
        }
        String joined = String.join("\\", values);
        byte[] bytes = vr.isCharsetSensitive()
                ? specificCharacterSet().encode(joined)
                : joined.getBytes(StandardCharsets.US_ASCII);
        return putBytes(tag, vr, bytes);
    }

    /** Stores binary integers (US, SS, UL, SL, SV, UV, AT, OW, OL...) or, for IS, decimal strings. */
    public Attributes putInts(int tag, VR vr, int... values) {
        if (vr == VR.IS) {
            String[] text = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                text[i] = Integer.toString(values[i]);
            }
            return putString(tag, vr, text);
        }
        int unit = vr == VR.AT ? 4 : vr.unitSize();
        ByteBuffer buffer = ByteBuffer.allocate(values.length * unit).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            switch (unit) {
                case 1 -> buffer.put((byte) v);
                case 2 -> buffer.putShort((short) v);
                case 4 -> {
                    if (vr == VR.AT) {
                        buffer.putShort((short) (v >>> 16)).putShort((short) v);
                    } else if (vr == VR.FL || vr == VR.OF) {
                        buffer.putFloat(v);
                    } else {
                        buffer.putInt(v);
                    }
                }
                case 8 -> {
                    if (vr == VR.FD || vr == VR.OD) {
                        buffer.putDouble(v);
                    } else {
                        buffer.putLong(vr == VR.UV || vr == VR.OV ? Integer.toUnsignedLong(v) : v);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return putBytes(tag, vr, buffer.array());
    }

    /** Creates (replacing any) a sequence element and returns it for adding items. */
    public Sequence newSequence(int tag, boolean undefinedLength) {
        Sequence sequence = new Sequence(this, undefinedLength);
        put(tag, VR.SQ, sequence);
        return sequence;
    }

    public Optional<Sequence> getSequence(int tag) {
        Element e = elements.get(tag);
        return e != null && e.value() instanceof Sequence s ? Optional.of(s) : Optional.empty();
    }

    /** The in-memory bytes of a value, or empty when absent, a sequence, fragments or on disk. */
    public Optional<byte[]> getBytes(int tag) {
        Element e = elements.get(tag);
        return e != null && e.value() instanceof ByteValue(byte[] bytes) ? Optional.of(bytes) : Optional.empty();
    }

    /** The string values of a string element, decoded and with padding removed (PS3.5 §6.2). */
    public List<String> getStrings(int tag) {
        Element e = elements.get(tag);
        if (e == null || !(e.value() instanceof ByteValue(byte[] bytes)) || !e.vr().isString()) {
            return List.of();
        }
        VR vr = e.vr();
        String text = vr.isCharsetSensitive()
                ? specificCharacterSet().decode(bytes)
                : new String(bytes, StandardCharsets.ISO_8859_1);
        if (vr.isText()) {
            // LT, ST, UT, UR: one value, leading spaces significant (PS3.5 Table 6.2-1).
            return text.isEmpty() ? List.of() : List.of(stripTrailing(text));
        }
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String v : text.split("\\\\", -1)) {
            values.add(stripTrailing(stripLeadingSpaces(v)));
        }
        return values;
    }

    /** The first string value, if present. */
    public Optional<String> getString(int tag) {
        List<String> values = getStrings(tag);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public Optional<PersonName> getPersonName(int tag) {
        return getString(tag).map(PersonName::parse);
    }

    /** Integer values of US, SS, UL, SL, SV, UV, AT, OW, OB, OL or IS elements. */
    public int[] getInts(int tag) {
        Element e = elements.get(tag);
        if (e == null || !(e.value() instanceof ByteValue(byte[] bytes))) {
            return new int[0];
        }
        VR vr = e.vr();
        if (vr == VR.IS || vr == VR.DS) {
            return getStrings(tag).stream().filter(s -> !s.isEmpty())
                    .mapToInt(s -> vr == VR.IS ? Integer.parseInt(s.trim()) : (int) Double.parseDouble(s.trim())).toArray();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int unit = vr == VR.AT ? 4 : vr.unitSize();
        int[] values = new int[bytes.length / unit];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (vr) {
                case US, OW -> Short.toUnsignedInt(buffer.getShort());
                case SS -> buffer.getShort();
                case AT -> Short.toUnsignedInt(buffer.getShort()) << 16 | Short.toUnsignedInt(buffer.getShort());
                case UL, SL, OL -> buffer.getInt();
                case SV, UV, OV -> (int) buffer.getLong();
                case FL, OF -> (int) buffer.getFloat();
                case FD, OD -> (int) buffer.getDouble();
                default -> Byte.toUnsignedInt(buffer.get());
            };
        }
        return values;
    }

    /** Numeric values of DS, IS, FL, FD, OF, OD or integer VRs, as doubles. */
    public double[] getDoubles(int tag) {
        Element e = elements.get(tag);
        if (e == null || !(e.value() instanceof ByteValue(byte[] bytes))) {
            return new double[0];
        }
        return switch (e.vr()) {
            case DS, IS -> getStrings(tag).stream().filter(s -> !s.isBlank()).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
            case FL, OF -> {
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                double[] v = new double[bytes.length / 4];
                for (int i = 0; i < v.length; i++) {
                    v[i] = b.getFloat();
                }
                yield v;
            }
            case FD, OD -> {
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                double[] v = new double[bytes.length / 8];
                for (int i = 0; i < v.length; i++) {
                    v[i] = b.getDouble();
                }
                yield v;
            }
            default -> java.util.Arrays.stream(getInts(tag)).asDoubleStream().toArray();
        };
    }

    public double getDouble(int tag, double defaultValue) {
        double[] values = getDoubles(tag);
        return values.length == 0 ? defaultValue : values[0];
    }

    public int getInt(int tag, int defaultValue) {
        int[] values = getInts(tag);
        return values.length == 0 ? defaultValue : values[0];
    }

    /** The character set of this data set, inherited from the enclosing one if it has none (PS3.5 §6.1.2.3). */
    public SpecificCharacterSet specificCharacterSet() {
        if (!contains(Tag.SPECIFIC_CHARACTER_SET)) {
            return parent != null ? parent.specificCharacterSet() : SpecificCharacterSet.DEFAULT;
        }
        if (charset == null) {
            charset = SpecificCharacterSet.lenient(getStrings(Tag.SPECIFIC_CHARACTER_SET).toArray(String[]::new));
        }
        return charset;
    }

    /** Removes trailing space and NUL padding (PS3.5 §6.2). */
    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String stripLeadingSpaces(String s) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start);
    }

    private static byte[] pad(byte[] bytes, VR vr) {
        if ((bytes.length & 1) == 0) {
            return bytes;
        }
        byte[] padded = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        padded[bytes.length] = vr.padding();
        return padded;
    }

    /** A dcmdump-like listing (tag, VR, keyword, short value), nested items indented; for logs and debugging. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb, "");
        return sb.toString();
    }

    private void appendTo(StringBuilder sb, String indent) {
        ElementDictionary dictionary = ElementDictionary.standard();
        for (Element e : elements.values()) {
            sb.append(indent).append(Tag.toString(e.tag())).append(' ').append(e.vr()).append(' ');
            switch (e.value()) {
                case ByteValue b when e.vr().isString() -> sb.append('[').append(abbreviate(String.join("\\", getStrings(e.tag())))).append(']');
                case ByteValue b -> sb.append('#').append(b.length());
                case BulkDataRef b -> sb.append("bulk ").append(b.file().getFileName()).append('@').append(b.offset()).append('#').append(b.length());
                case Fragments f -> sb.append("fragments ").append(f.items().size());
                case Sequence s -> sb.append("items ").append(s.size());
            }
            sb.append(' ').append(dictionary.keywordOf(e.tag())).append('\n');
            if (e.value() instanceof Sequence s) {
                for (Attributes item : s) {
                    sb.append(indent).append("  (item)\n");
                    item.appendTo(sb, indent + "    ");
                }
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
