package org.telecare.access.policy;

import org.telecare.access.Principal;

import java.util.Optional;
import java.util.Set;

/**
 * Who asks and through which door. A signed-in user has a user id; a partner platform calling the
 * integration API has only a {@code system}. The channel ({@code web}, {@code dicomweb},
 * {@code dimse}, {@code eventbus}, {@code partner-api}) is the seed's "interface" dimension.
 *
 * @param allHospitals the requester's role spans every hospital (platform administrators)
 */
public record DataRequester(Optional<String> userId, Set<String> roles, Optional<String> hospitalId,
                            Optional<String> departmentId, Optional<String> system, String channel,
                            boolean allHospitals) {
    public DataRequester {
        roles = Set.copyOf(roles);
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("a requester comes through a channel");
        }
        if (userId.isEmpty() && system.isEmpty()) {
            throw new IllegalArgumentException("a requester is a user or a system");
        }
    }

    public static final String WEB = "web";
    public static final String DICOMWEB = "dicomweb";
    public static final String DIMSE = "dimse";
    public static final String EVENT_BUS = "eventbus";
    public static final String PARTNER_API = "partner-api";

    /** The permission that gives a user every hospital's data as their baseline (platform administrators). */
    public static final org.telecare.access.Permission ALL_HOSPITALS =
            org.telecare.access.Permission.of("admin.scope.all-hospitals");

    /** The signed-in user of a request through {@code channel}. */
    public static DataRequester of(Principal p, String channel) {
        return of(p, channel, p.has(ALL_HOSPITALS));
    }

    /** The signed-in user of a request; {@code allHospitals} when they hold the all-hospitals scope. */
    public static DataRequester of(Principal p, String channel, boolean allHospitals) {
        return new DataRequester(Optional.of(p.userId()), p.roles(), p.hospitalId(), p.departmentId(),
                Optional.empty(), channel, allHospitals);
    }

    /** A partner platform or a DICOM peer, identified by its registered id or AE title. */
    public static DataRequester system(String system, String channel) {
        return new DataRequester(Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.of(system),
                channel, false);
    }
}
