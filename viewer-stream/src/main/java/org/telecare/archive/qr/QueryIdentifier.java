package org.telecare.archive.qr;

import io.vertx.core.buffer.Buffer;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.ByteValue;
import org.telecare.dicom.data.Element;
import org.telecare.dicom.data.Sequence;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.io.DicomReader;
import org.telecare.dicom.io.ReadOptions;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DimseServiceException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The identifier of a C-FIND, C-MOVE or C-GET request (PS3.4 §C.4.1.1.3, §C.4.2.1.4), read into
 * what the index understands: the Query/Retrieve Level and the keys of {@link QueryKey} at that
 * level or above, as decoded text (UID lists and multiple values joined by backslash).
 *
 * @param level          (0008,0052)
 * @param keys           the supported keys with their values; an empty value is universal matching
 * @param requested      every element of the request, in tag order: the response has each of them
 * @param unsupportedConstraint an element the index cannot match carried a value, so matches may be
 *                       wider than asked: C-FIND answers FF01H (PS3.4 Table C.4-1)
 * @param characterSet   the request's (0008,0005) values, empty when it had none
 */
record QueryIdentifier(QueryLevel level, Map<QueryKey, String> keys, List<Element> requested,
                       boolean unsupportedConstraint, List<String> characterSet) {
    static final int QUERY_RETRIEVE_LEVEL = 0x00080052;
    static final int RETRIEVE_AE_TITLE = 0x00080054;
    static final int INSTANCE_AVAILABILITY = 0x00080056;

    QueryIdentifier {
        EnumMap<QueryKey, String> copy = new EnumMap<>(QueryKey.class);
        copy.putAll(keys);
        keys = Collections.unmodifiableMap(copy);
        requested = List.copyOf(requested);
        characterSet = List.copyOf(characterSet);
    }

    /**
     * Reads the identifier; a data set that does not parse is C000H, one without a valid
     * Query/Retrieve Level is A900H (identifier does not match the SOP class).
     */
    static QueryIdentifier parse(Buffer identifier, String transferSyntaxUid) {
        Attributes ds;
        try {
            ds = DicomReader.readDataset(new ByteArrayInputStream(identifier.getBytes()),
                    TransferSyntax.of(transferSyntaxUid), ReadOptions.DEFAULT.withMaxDepth(4));
        } catch (IOException | RuntimeException e) {
            throw new DimseServiceException(Status.UNABLE_TO_PROCESS, "identifier does not parse: " + e.getMessage());
        }
        QueryLevel level;
        try {
            level = QueryLevel.of(ds.getString(QUERY_RETRIEVE_LEVEL).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "QueryRetrieveLevel must be PATIENT, STUDY, SERIES or IMAGE");
        }
        Map<QueryKey, String> keys = new EnumMap<>(QueryKey.class);
        boolean unsupported = false;
        for (Element e : ds.elements()) {
            int tag = e.tag();
            if (tag == Tag.SPECIFIC_CHARACTER_SET || tag == QUERY_RETRIEVE_LEVEL || tag == RETRIEVE_AE_TITLE
                    || tag == INSTANCE_AVAILABILITY) {
                continue;
            }
            QueryKey key = QueryKey.byTag(tag).filter(k -> k.level().isAtOrAbove(level)
                    && k != QueryKey.SourceApplicationEntityTitle).orElse(null);
            if (key != null) {
                keys.put(key, text(ds, key));
            } else if (hasValue(e)) {
                // Not indexed (or below the level): returned empty; its constraint cannot be applied.
                unsupported = true;
            }
        }
        return new QueryIdentifier(level, keys, List.copyOf(ds.elements()), unsupported,
                ds.getStrings(Tag.SPECIFIC_CHARACTER_SET));
    }

    /** The value of a key as the index takes it: decoded text, values joined by backslash (PS3.5 §6.4). */
    private static String text(Attributes ds, QueryKey key) {
        if (key.vr().name().equals("US")) {
            return String.join("\\", Arrays.stream(ds.getInts(key.tag())).mapToObj(Integer::toString).toList());
        }
        return String.join("\\", ds.getStrings(key.tag()));
    }

    private static boolean hasValue(Element e) {
        return switch (e.value()) {
            case ByteValue(byte[] bytes) -> !isPadding(bytes);
            case Sequence s -> s.items().stream().anyMatch(item -> item.elements().stream().anyMatch(QueryIdentifier::hasValue));
            default -> true;
        };
    }

    private static boolean isPadding(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The value of a key, or empty when absent or universal. */
    String value(QueryKey key) {
        return keys.getOrDefault(key, "");
    }
}
