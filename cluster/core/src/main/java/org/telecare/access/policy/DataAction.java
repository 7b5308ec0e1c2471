package org.telecare.access.policy;

/**
 * What is done with data. The seed's quality rules name view, save, modify and print of reports
 * and images (S002 质量控制 ①③); export and delete are the two further acts the audit trail tells apart.
 */
public enum DataAction {
    READ, WRITE, PRINT, EXPORT, DELETE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static DataAction ofCode(String code) {
        for (DataAction a : values()) {
            if (a.code().equals(code)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action '" + code + "'; known: read, write, print, export, delete");
    }
}
