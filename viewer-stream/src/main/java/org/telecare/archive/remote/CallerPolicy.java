package org.telecare.archive.remote;

import org.telecare.dimse.association.AePolicy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Which calling AEs the storage SCP accepts (ARC-2, {@code modules.archive.callers}); a refused
 * caller gets A-ASSOCIATE-RJ permanent, service user, "calling AE title not recognized"
 * (PS3.8 §9.3.4, Table 9-21).
 */
public sealed interface CallerPolicy {

    AePolicy aePolicy(RemoteAeTable registry);

    /**
     * Anyone: the default, because a first install has an empty registry and modalities are
     * usually pointed at the archive before anyone registers them; refusing them would lose the
     * first studies. Sites switch to {@link Known} once the registry is filled.
     */
    record Any() implements CallerPolicy {
        @Override
        public AePolicy aePolicy(RemoteAeTable registry) {
            return AePolicy.ANY;
        }
    }

    /** Only titles in the registry; with {@code checkHost}, only from the address its host resolves to. */
    record Known(boolean checkHost) implements CallerPolicy {
        @Override
        public AePolicy aePolicy(RemoteAeTable registry) {
            return (calling, called, remote) -> registry.known(calling).isPresent()
                    && (!checkHost || remote instanceof InetSocketAddress a && a.getAddress() != null
                    && registry.hostMatches(calling, a.getAddress()));
        }
    }
}
