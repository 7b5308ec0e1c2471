package org.telecare.dimse.association;

import org.telecare.dimse.pdu.AAssociateRq;

import java.net.SocketAddress;
import java.util.Set;

/**
 * Which calling AEs may associate (PS3.8 §7.1.1.3: reject with "calling AE title not recognized").
 * The archive plugs its known-peers table in here.
 */
@FunctionalInterface
public interface AePolicy {

    /** Any calling AE title is accepted. */
    AePolicy ANY = (calling, called, remote) -> true;

    boolean acceptsCaller(String callingAeTitle, String calledAeTitle, SocketAddress remote);

    /**
     * The whole request, for policies that look at more than the titles (the user identity
     * sub-item, PS3.7 Annex D.3.3.7). Defaults to {@link #acceptsCaller}.
     */
    default boolean accepts(AAssociateRq request, SocketAddress remote) {
        return acceptsCaller(request.callingAeTitle(), request.calledAeTitle(), remote);
    }

    /** Only the listed calling AE titles. */
    static AePolicy only(Set<String> callingAeTitles) {
        Set<String> copy = Set.copyOf(callingAeTitles);
        return (calling, called, remote) -> copy.contains(calling);
    }
}
