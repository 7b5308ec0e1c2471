package org.telecare.dimse.message;

/** (0000,0700) Priority (PS3.7 Table E.1-1). */
public enum Priority {
    MEDIUM(0x0000), HIGH(0x0001), LOW(0x0002);

    private final int code;

    Priority(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Priority of(int code) {
        for (Priority p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        return MEDIUM;
    }
}
