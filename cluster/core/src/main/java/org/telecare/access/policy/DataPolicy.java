package org.telecare.access.policy;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One rule: {@code effect} for {@code actions} by {@code subjects} on data in {@code scope},
 * while {@code validity} (S002 授权时段) lasts.
 *
 * @param ownerHospitalId the hospital whose administrators manage the policy; empty for platform policies
 */
public record DataPolicy(String id, String name, Effect effect, Set<DataAction> actions, PolicySubjects subjects,
                         PolicyScope scope, TimeWindow validity, boolean enabled, Optional<String> ownerHospitalId) {
    public DataPolicy {
        if (id == null || id.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a policy needs an id and a name");
        }
        actions = Set.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a policy must name at least one action");
        }
    }

    boolean applies(DataRequester requester, DataAction action, DataResource resource, Instant now) {
        return enabled && actions.contains(action) && validity.contains(now) && subjects.match(requester)
                && scope.match(resource);
    }
}
