package org.telecare.archive.remote;

import java.util.Objects;
import java.util.Optional;

/**
 * A DICOM application entity the archive knows (ARC-2, ARC-3): a modality, another PACS, a
 * viewer workstation. C-MOVE destinations, auto-routing targets and re-sync sources must be
 * known AEs; PS3.4 §C.4.2.1.4 leaves the title-to-address mapping to configuration.
 *
 * @param aeTitle     1..16 characters of the default repertoire, no backslash (PS3.5 §6.2, AE)
 * @param host        host name or IP address
 * @param port        TCP port, 1..65535
 * @param hospitalId  the hospital this AE belongs to, when known: objects it sends are filed as
 *                    that hospital's (ARC-8, data scoping)
 * @param description free text for the admin page
 */
public record RemoteAe(String aeTitle, String host, int port, Optional<String> hospitalId, String description) {

    public RemoteAe {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hospitalId, "hospitalId");
        description = description == null ? "" : description;
        String t = aeTitle.strip();
        if (t.isEmpty() || t.length() > 16 || t.indexOf('\\') >= 0
                || !t.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("aeTitle must be 1..16 printable ASCII characters without backslash: '" + aeTitle + "'");
        }
        aeTitle = t;
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    public RemoteAe(String aeTitle, String host, int port) {
        this(aeTitle, host, port, Optional.empty(), "");
    }
}
