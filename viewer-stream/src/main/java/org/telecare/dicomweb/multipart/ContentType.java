package org.telecare.dicomweb.multipart;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed media type with its parameters ({@code multipart/related; type="application/dicom";
 * boundary=abc}); parameter names lower-cased, quoted values unquoted (RFC 9110 §8.3.1).
 */
public record ContentType(String type, Map<String, String> parameters) {
    public static final int MAX_BOUNDARY = 200;

    public ContentType {
        parameters = Map.copyOf(parameters);
    }

    public static ContentType parse(String header) {
        if (header == null || header.isBlank()) {
            throw new MultipartException("no Content-Type");
        }
        String[] first = header.split(";", 2);
        String type = first[0].strip().toLowerCase(Locale.ROOT);
        if (!type.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
            throw new MultipartException("not a media type: " + first[0].strip());
        }
        Map<String, String> params = new LinkedHashMap<>();
        String rest = first.length > 1 ? first[1] : "";
        int i = 0;
        while (i < rest.length()) {
            while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == ';' || rest.charAt(i) == '\t')) {
                i++;
            }
            int eq = rest.indexOf('=', i);
            if (i >= rest.length()) {
                break;
            }
            if (eq < 0) {
                throw new MultipartException("a parameter without a value in: " + header);
            }
            String name = rest.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < rest.length() && rest.charAt(i) == '"') {
                i++;
                while (i < rest.length() && rest.charAt(i) != '"') {
                    if (rest.charAt(i) == '\\' && i + 1 < rest.length()) {
                        i++;
                    }
                    value.append(rest.charAt(i++));
                }
                if (i >= rest.length()) {
                    throw new MultipartException("an unterminated quoted parameter in: " + header);
                }
                i++;
            } else {
                while (i < rest.length() && rest.charAt(i) != ';') {
                    value.append(rest.charAt(i++));
                }
            }
            params.put(name, value.toString().strip());
        }
        return new ContentType(type, params);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The boundary of a multipart type: characters of RFC 2046 §5.1.1's set. The RFC allows 70;
     * up to {@link #MAX_BOUNDARY} are taken, since real senders go past it (Orthanc's DICOMweb
     * plugin 1.7 sends two UUIDs, 73 characters).
     */
    public String boundary() {
        String b = parameter("boundary").orElseThrow(() -> new MultipartException("multipart without a boundary"));
        if (b.isEmpty() || b.length() > MAX_BOUNDARY || !b.matches("[0-9A-Za-z'()+_,\\-./:=? ]*[0-9A-Za-z'()+_,\\-./:=?]")) {
            throw new MultipartException("not a valid boundary (RFC 2046 §5.1.1): " + b);
        }
        return b;
    }
}
