package org.telecare.archive.ingest;

import org.telecare.archive.query.QueryKey;
import org.telecare.dicom.data.Attributes;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The query key values of a data set, decoded text, multiple values joined by backslash (PS3.5 §6.4). */
public final class InstanceKeys {
    private InstanceKeys() {
    }

    public static Map<QueryKey, String> of(Attributes ds) {
        Map<QueryKey, String> out = new EnumMap<>(QueryKey.class);
        for (QueryKey k : QueryKey.values()) {
            if (k.isComputed() || k == QueryKey.SourceApplicationEntityTitle) {
                continue; // computed by the index; the source AE comes from the association, not the data set
            }
            List<String> values = k.vr().name().equals("US")
                    ? java.util.Arrays.stream(ds.getInts(k.tag())).mapToObj(Integer::toString).toList()
                    : ds.getStrings(k.tag());
            if (!values.isEmpty()) {
                out.put(k, String.join("\\", values));
            }
        }
        return out;
    }
}
