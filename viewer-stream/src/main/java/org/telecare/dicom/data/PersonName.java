package org.telecare.dicom.data;

import java.util.Arrays;
import java.util.List;

/**
 * A PN value split into its component groups, alphabetic, ideographic and phonetic, each of
 * up to five components: family, given, middle, prefix, suffix (PS3.5 §6.2.1).
 */
public record PersonName(List<String> alphabetic, List<String> ideographic, List<String> phonetic) {
    public static PersonName parse(String value) {
        String[] groups = value.split("=", -1);
        return new PersonName(components(groups, 0), components(groups, 1), components(groups, 2));
    }

    private static List<String> components(String[] groups, int index) {
        if (index >= groups.length || groups[index].isEmpty()) {
            return List.of();
        }
        return Arrays.stream(groups[index].split("\\^", -1)).map(String::strip).toList();
    }

    /** Family name of a group, or "" (0 alphabetic, 1 ideographic, 2 phonetic). */
    public String family(int group) {
        List<String> c = group(group);
        return c.isEmpty() ? "" : c.getFirst();
    }

    public String given(int group) {
        List<String> c = group(group);
        return c.size() < 2 ? "" : c.get(1);
    }

    private List<String> group(int group) {
        return switch (group) {
            case 0 -> alphabetic;
            case 1 -> ideographic;
            case 2 -> phonetic;
            default -> throw new IllegalArgumentException("component group " + group);
        };
    }
}
