package org.telecare.archive.qr;

import io.vertx.core.buffer.Buffer;
import org.telecare.archive.query.QueryKey;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.ByteValue;
import org.telecare.dicom.data.Element;
import org.telecare.dicom.data.SpecificCharacterSet;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.TransferSyntax;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The identifier of one C-FIND match (PS3.4 §C.4.1.1.3.2): every attribute the request named,
 * with the match's value or empty when the archive has none or does not know the attribute,
 * plus the unique keys the index returns, the Query/Retrieve Level, the Retrieve AE Title
 * (0008,0054) and, when a value needs it, the Specific Character Set (0008,0005).
 */
final class ResponseIdentifier {
    static final String UTF8 = "ISO_IR 192";

    private ResponseIdentifier() {
    }

    static Buffer encode(QueryIdentifier request, Map<QueryKey, String> match, String retrieveAeTitle,
                         String transferSyntaxUid) {
        Attributes out = new Attributes();
        List<String> charset = characterSet(request.characterSet(), match);
        if (!charset.isEmpty()) {
            out.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, charset.toArray(String[]::new));
        }
        for (Element e : request.requested()) {
            if (e.tag() != Tag.SPECIFIC_CHARACTER_SET) {
                // Unknown or unsupported: a zero-length value of the requested VR (PS3.4 §C.4.1.1.3.2).
                if (e.vr() == VR.SQ) {
                    out.newSequence(e.tag(), false);
                } else {
                    out.put(e.tag(), e.vr(), ByteValue.EMPTY);
                }
            }
        }
        match.forEach((key, value) -> put(out, key, value));
        out.putString(QueryIdentifier.QUERY_RETRIEVE_LEVEL, VR.CS, request.level().name());
        out.putString(QueryIdentifier.RETRIEVE_AE_TITLE, VR.AE, retrieveAeTitle);
        if (out.contains(QueryIdentifier.INSTANCE_AVAILABILITY)) {
            // Everything the index lists is in the archive's own blob store, ready to retrieve (PS3.4 §C.4.1.1.3.2).
            out.putString(QueryIdentifier.INSTANCE_AVAILABILITY, VR.CS, "ONLINE");
        }
        try {
            return Buffer.buffer(DicomWriter.toBytes(out, TransferSyntax.of(transferSyntaxUid)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Attributes out, QueryKey key, String value) {
        VR vr = VR.valueOf(key.vr().name());
        if (value == null || value.isEmpty()) {
            out.putBytes(key.tag(), vr, new byte[0]);
        } else if (vr == VR.US) {
            out.putInts(key.tag(), vr, java.util.Arrays.stream(value.split("\\\\")).mapToInt(Integer::parseInt).toArray());
        } else {
            out.putString(key.tag(), vr, value);
        }
    }

    /**
     * The character set of the response: none while every value is ASCII (the request's terms
     * echoed if it sent any); otherwise the requester's own single character set when it can
     * represent every value (a GB18030 workstation gets GB18030 back), else UTF-8 (PS3.5 §6.1).
     */
    static List<String> characterSet(List<String> requested, Map<QueryKey, String> match) {
        boolean ascii = match.values().stream().allMatch(v -> v == null || v.chars().allMatch(c -> c < 0x80));
        if (ascii) {
            return requested.stream().allMatch(String::isBlank) ? List.of() : requested;
        }
        if (requested.size() == 1 && !requested.getFirst().isBlank()) {
            try {
                SpecificCharacterSet cs = SpecificCharacterSet.of(requested.getFirst());
                if (!cs.usesCodeExtensions() && match.values().stream()
                        .allMatch(v -> v == null || v.equals(cs.decode(cs.encode(v))))) {
                    return requested;
                }
            } catch (IllegalArgumentException e) {
                // a term we cannot write: fall back to UTF-8
            }
        }
        return List.of(UTF8);
    }
}
