package org.telecare.dicomweb.qido;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.telecare.archive.query.QueryKey;
import org.telecare.dicomweb.json.DicomJsonWriter;

import java.util.Map;

/**
 * One QIDO-RS match, as the index returns it in DICOM text, in the DICOM JSON model (PS3.18
 * §F.2): multiple values split at the backslash (PS3.5 §6.4), person names as component groups
 * (§F.2.2), IS, DS and US as numbers (§F.2.3.1), an attribute without value as its VR alone
 * (§F.2.5), and the text declared UTF-8, which JSON is whatever the object was encoded in.
 */
final class QidoJson {
    private static final String SPECIFIC_CHARACTER_SET = "00080005";
    private static final String RETRIEVE_URL = "00081190";

    private QidoJson() {
    }

    static JsonObject match(Map<QueryKey, String> attributes, String retrieveUrl) {
        JsonObject out = new JsonObject();
        out.put(SPECIFIC_CHARACTER_SET, new JsonObject().put("vr", "CS").put("Value", new JsonArray().add("ISO_IR 192")));
        attributes.forEach((key, text) -> {
            if (key != QueryKey.SourceApplicationEntityTitle) { // kept for policies; file meta is no attribute of the data set
                out.put(key.tagHex(), attribute(key, text));
            }
        });
        out.put(RETRIEVE_URL, new JsonObject().put("vr", "UR").put("Value", new JsonArray().add(retrieveUrl)));
        return out;
    }

    static JsonObject attribute(QueryKey key, String text) {
        JsonObject attr = new JsonObject().put("vr", key.vr().name());
        if (text == null || text.isEmpty()) {
            return attr;
        }
        JsonArray values = new JsonArray();
        for (String v : text.split("\\\\", -1)) {
            String value = key.vr() == org.telecare.archive.query.Vr.PN ? v : v.strip();
            if (value.isEmpty()) {
                values.addNull();
                continue;
            }
            switch (key.vr()) {
                case PN -> values.add(DicomJsonWriter.personName(value));
                case IS, US -> values.add(integerOrText(value));
                default -> values.add(value);
            }
        }
        return attr.put("Value", values);
    }

    private static Object integerOrText(String v) {
        try {
            return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            return v; // a malformed IS is passed on as text rather than dropped
        }
    }
}
