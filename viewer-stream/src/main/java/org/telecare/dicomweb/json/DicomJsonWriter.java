package org.telecare.dicomweb.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.BulkDataRef;
import org.telecare.dicom.data.ByteValue;
import org.telecare.dicom.data.Element;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Sequence;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes a data set in the DICOM JSON model (PS3.18 §F.2): one member per attribute keyed by
 * its tag in eight upper-case hex digits, with {@code vr} and {@code Value}, {@code InlineBinary}
 * or {@code BulkDataURI}. Person names become objects of component groups (§F.2.2); IS and DS
 * become JSON numbers (§F.2.3.1); empty values inside a multi-valued attribute become
 * {@code null} (§F.2.5).
 *
 * @param inlineLimit    binary values up to this many bytes are inlined as base64; larger ones,
 *                       encapsulated pixel data and values left on disk get a BulkDataURI
 * @param bulkDataUri    the URI for an attribute given its tag path (outermost first), or empty
 *                       to leave the value out (QIDO answers carry no bulk data)
 */
public record DicomJsonWriter(int inlineLimit, Function<List<Integer>, Optional<String>> bulkDataUri) {
    /** For QIDO-RS: small binary values inline, bulk data left out. */
    public static DicomJsonWriter withoutBulkData() {
        return new DicomJsonWriter(1024, path -> Optional.empty());
    }

    public JsonObject write(Attributes ds) {
        return write(ds, new ArrayList<>());
    }

    private JsonObject write(Attributes ds, List<Integer> path) {
        JsonObject out = new JsonObject();
        for (Element e : ds.elements()) {
            int tag = e.tag();
            if (Tag.isGroupLength(tag) || (tag >>> 16) == 0x0002) {
                continue; // group lengths are encoding details; file meta is not part of the data set (F.2)
            }
            path.add(tag);
            JsonObject attr = attribute(ds, e, path);
            path.removeLast();
            if (attr != null) {
                out.put(String.format(Locale.ROOT, "%08X", tag), attr);
            }
        }
        return out;
    }

    private JsonObject attribute(Attributes ds, Element e, List<Integer> path) {
        VR vr = e.vr();
        JsonObject attr = new JsonObject().put("vr", vr.name());
        switch (e.value()) {
            case Sequence seq -> {
                JsonArray items = new JsonArray();
                for (Attributes item : seq) {
                    items.add(write(item, path));
                }
                if (!items.isEmpty()) {
                    attr.put("Value", items);
                }
            }
            case Fragments f -> bulk(attr, path);
            case BulkDataRef ref -> bulk(attr, path);
            case ByteValue(byte[] bytes) -> {
                if (bytes.length == 0) {
                    return attr;
                }
                if (e.tag() == Tag.SPECIFIC_CHARACTER_SET) {
                    // The JSON text is UTF-8 whatever the object was encoded in (PS3.18 §F.2; DCMTK's dcm2json does the same).
                    attr.put("Value", new JsonArray().add("ISO_IR 192"));
                } else if (vr.isString()) {
                    strings(ds, e.tag(), vr, attr);
                } else if (vr == VR.AT) {
                    attr.put("Value", attributeTags(bytes));
                } else if (isInlineNumber(vr)) {
                    attr.put("Value", numbers(vr, bytes));
                } else if (bytes.length <= inlineLimit && !isPixelData(e.tag())) {
                    attr.put("InlineBinary", Base64.getEncoder().encodeToString(bytes));
                } else {
                    bulk(attr, path);
                }
            }
        }
        return attr;
    }

    /** Pixel data is bulk data however small: QIDO answers never carry it, /metadata references it. */
    private static boolean isPixelData(int tag) {
        return tag == 0x7FE00010 || tag == 0x7FE00008 || tag == 0x7FE00009;
    }

    private void bulk(JsonObject attr, List<Integer> path) {
        bulkDataUri.apply(List.copyOf(path)).ifPresent(uri -> attr.put("BulkDataURI", uri));
    }

    private static boolean isInlineNumber(VR vr) {
        return switch (vr) {
            case US, SS, UL, SL, FL, FD, SV, UV -> true;
            default -> false;
        };
    }

    private static void strings(Attributes ds, int tag, VR vr, JsonObject attr) {
        List<String> values = ds.getStrings(tag);
        if (values.isEmpty()) {
            return;
        }
        JsonArray out = new JsonArray();
        for (String v : values) {
            if (v.isEmpty()) {
                out.addNull();
            } else if (vr == VR.PN) {
                out.add(personName(v));
            } else if (vr == VR.IS) {
                out.add(integerOrText(v.strip()));
            } else if (vr == VR.DS) {
                out.add(decimalOrText(v.strip()));
            } else {
                out.add(v);
            }
        }
        attr.put("Value", out);
    }

    /** {@code Family^Given=家族^名=かぞく^なまえ} as its three component groups (PS3.18 §F.2.2). */
    public static JsonObject personName(String value) {
        String[] groups = value.split("=", -1);
        JsonObject pn = new JsonObject();
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        for (int i = 0; i < Math.min(3, groups.length); i++) {
            String g = stripTrailingCarets(groups[i]);
            if (!g.isEmpty()) {
                pn.put(names[i], g);
            }
        }
        return pn;
    }

    private static String stripTrailingCarets(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '^') {
            end--;
        }
        return s.substring(0, end);
    }

    private static Object integerOrText(String v) {
        try {
            return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            return v; // a malformed IS is passed on as text rather than dropped
        }
    }

    private static Object decimalOrText(String v) {
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : d) : v;
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static JsonArray attributeTags(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        JsonArray out = new JsonArray();
        while (b.remaining() >= 4) {
            int group = Short.toUnsignedInt(b.getShort());
            int element = Short.toUnsignedInt(b.getShort());
            out.add(String.format(Locale.ROOT, "%04X%04X", group, element));
        }
        return out;
    }

    private static JsonArray numbers(VR vr, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        JsonArray out = new JsonArray();
        int unit = vr.unitSize();
        while (b.remaining() >= unit) {
            switch (vr) {
                case US -> out.add(Short.toUnsignedInt(b.getShort()));
                case SS -> out.add(b.getShort());
                case UL -> out.add(Integer.toUnsignedLong(b.getInt()));
                case SL -> out.add(b.getInt());
                case FL -> out.add(Double.parseDouble(Float.toString(b.getFloat()))); // the float's shortest decimal, not its binary expansion
                case FD -> out.add(b.getDouble());
                case SV -> out.add(b.getLong());
                case UV -> {
                    long v = b.getLong();
                    // Beyond 2^63 a JSON number loses digits in most readers: a string then (PS3.18 Table F.2.3-1).
                    out.add(v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v)).toString());
                }
                default -> throw new IllegalStateException("not a numeric VR: " + vr);
            }
        }
        return out;
    }
}
