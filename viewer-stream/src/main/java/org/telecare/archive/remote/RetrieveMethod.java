package org.telecare.archive.remote;

import java.util.Locale;

/**
 * How a re-sync (ARC-9) pulls a study from a remote archive: C-MOVE to our own AE (PS3.4
 * §C.4.2; the remote must know our title and address) or C-GET on the same association (PS3.4
 * §C.4.3; for peers that cannot connect back, e.g. behind NAT).
 */
public enum RetrieveMethod {
    MOVE, GET;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RetrieveMethod ofCode(String code) {
        for (RetrieveMethod m : values()) {
            if (m.code().equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be move or get");
    }
}
