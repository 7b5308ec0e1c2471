package org.telecare.dimse.association;

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

    /** Only the listed calling AE titles. */
    static AePolicy only(Set<String> callingAeTitles) {
        Set<String> copy = Set.copyOf(callingAeTitles);
        return (calling, called, remote) -> copy.contains(calling);
    }
}
