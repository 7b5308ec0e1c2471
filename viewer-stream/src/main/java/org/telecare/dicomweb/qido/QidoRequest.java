package org.telecare.dicomweb.qido;

import io.vertx.core.MultiMap;
import org.telecare.archive.index.IndexQuery;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.archive.query.Vr;
import org.telecare.dicom.data.ElementDictionary;
import org.telecare.dicomweb.DicomWebErrors;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of one QIDO-RS search (PS3.18 §8.3.4, §10.6.1.2) turned into an index
 * query: matching attributes by keyword or by tag, {@code includefield}, {@code limit},
 * {@code offset}, {@code fuzzymatching}. What cannot be understood is a 400 that names the
 * parameter; what is understood but not supported (an includefield the index does not keep, a
 * limit above the maximum) becomes a warning (§8.3.4.2 says the origin server ignores it and
 * says so in a Warning header).
 *
 * @param warnings texts for {@code Warning: 299} headers
 */
public record QidoRequest(IndexQuery query, List<String> warnings) {
    private static final Set<String> CONTROL = Set.of("includefield", "limit", "offset", "fuzzymatching");

    /**
     * @param pathKeys   the UIDs the path names ({@code /studies/{study}/series}): keys the
     *                   parameters may repeat but not contradict
     * @param relational whether the levels above need not be named (PS3.18 §10.6.1: {@code /series},
     *                   {@code /instances} and {@code /studies/{study}/instances})
     */
    public static QidoRequest parse(MultiMap params, QueryLevel level, Map<QueryKey, String> pathKeys, boolean relational) {
        List<String> warnings = new ArrayList<>();
        Map<QueryKey, String> keys = new EnumMap<>(QueryKey.class);
        keys.putAll(pathKeys);
        EnumSet<QueryKey> include = EnumSet.copyOf(QueryKey.defaultsFor(level));
        include.add(QueryKey.StudyInstanceUID); // each row's study decides whether the caller may see it
        int limit = IndexQuery.DEFAULT_LIMIT;
        int offset = 0;
        boolean fuzzy = false;
        for (String name : params.names()) {
            List<String> values = params.getAll(name);
            switch (name.toLowerCase(Locale.ROOT)) {
                case "includefield" -> values.forEach(v -> includeFields(v, include, warnings));
                case "limit" -> {
                    limit = number(name, single(name, values));
                    if (limit < 1) {
                        throw DicomWebErrors.badQuery("limit must be a positive number, got " + limit);
                    }
                    if (limit > IndexQuery.MAX_LIMIT) {
                        warnings.add("limit " + limit + " reduced to the maximum of " + IndexQuery.MAX_LIMIT);
                        limit = IndexQuery.MAX_LIMIT;
                    }
                }
                case "offset" -> offset = number(name, single(name, values));
                case "fuzzymatching" -> fuzzy = switch (single(name, values)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw DicomWebErrors.badQuery("fuzzymatching is true or false");
                };
                default -> match(name, values, keys, pathKeys);
            }
        }
        if (offset < 0) {
            throw DicomWebErrors.badQuery("offset must not be negative, got " + offset);
        }
        try {
            return new QidoRequest(new IndexQuery(level, keys, include, limit, offset, fuzzy, relational), List.copyOf(warnings));
        } catch (IllegalArgumentException e) {
            throw DicomWebErrors.badQuery(e.getMessage());
        }
    }

    private static void match(String name, List<String> values, Map<QueryKey, String> keys, Map<QueryKey, String> pathKeys) {
        if (name.isEmpty()) {
            return; // "?&limit=10": an empty parameter some viewers send
        }
        QueryKey key = QueryKey.byName(name).orElseThrow(() -> DicomWebErrors.badQuery(
                (isKnownAttribute(name) ? "matching on " + name + " is not supported" : "unknown attribute " + name)
                        + "; supported keys: " + supportedKeys()));
        String value = single(name, values);
        if (key.vr() == Vr.UI) {
            value = value.replace(',', '\\'); // a list of UIDs is comma separated in a URL (PS3.18 §8.3.4.1)
        }
        String fromPath = pathKeys.get(key);
        if (fromPath != null) {
            if (!fromPath.equals(value)) {
                throw DicomWebErrors.badQuery(name + "=" + value + " contradicts the path, which names " + fromPath);
            }
            return;
        }
        keys.put(key, value);
    }

    private static void includeFields(String value, Set<QueryKey> include, List<String> warnings) {
        for (String field : value.split(",")) {
            String f = field.strip();
            if (f.isEmpty()) {
                continue;
            }
            if (f.equals("all")) {
                include.addAll(EnumSet.allOf(QueryKey.class));
                continue;
            }
            var key = QueryKey.byName(f);
            if (key.isPresent()) {
                include.add(key.get());
            } else if (isKnownAttribute(f)) {
                warnings.add("includefield " + f + " is not kept by the index and is left out");
            } else {
                throw DicomWebErrors.badQuery("includefield: unknown attribute " + f);
            }
        }
    }

    /** A PS3.6 keyword, or eight hex digits (any tag, private ones included). */
    static boolean isKnownAttribute(String name) {
        if (name.length() == 8 && name.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return true;
        }
        return ElementDictionary.standard().byKeyword(name).isPresent();
    }

    private static String supportedKeys() {
        StringBuilder s = new StringBuilder();
        for (QueryKey k : QueryKey.values()) {
            if (!k.isComputed() && k != QueryKey.SourceApplicationEntityTitle) {
                s.append(s.isEmpty() ? "" : ", ").append(k.keyword());
            }
        }
        return s.toString();
    }

    private static String single(String name, List<String> values) {
        if (values.size() != 1) {
            throw DicomWebErrors.badQuery(name + " is given " + values.size() + " times");
        }
        return values.getFirst();
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw DicomWebErrors.badQuery(name + " must be a whole number, got '" + value + "'");
        }
    }
}
