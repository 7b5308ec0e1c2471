package org.telecare.archive.remote;

import java.util.Objects;

/**
 * One row of the remote AE registry: the AE and how we retrieve from it.
 *
 * @param fromConfig whether {@code modules.archive.remotes} declares it (then each start
 *                   writes it again, so an API edit of it lasts until the next start)
 */
public record KnownAe(RemoteAe ae, RetrieveMethod retrieve, boolean fromConfig) {
    public KnownAe {
        Objects.requireNonNull(ae, "ae");
        Objects.requireNonNull(retrieve, "retrieve");
    }

    public String aeTitle() {
        return ae.aeTitle();
    }
}
