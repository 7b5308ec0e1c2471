package org.telecare.access;

import java.util.Optional;
import java.util.Set;

/**
 * Who is asking: the signed-in user of this request, with what their roles allow. Object-level
 * checks (another hospital's records) compare {@link #hospitalId()} with the object's.
 */
public record Principal(String userId, String login, String displayName, Optional<String> hospitalId,
                        Optional<String> departmentId, Set<String> roles, Set<Permission> permissions,
                        String sessionId, boolean mustChangePassword) {
    public Principal {
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }
}
