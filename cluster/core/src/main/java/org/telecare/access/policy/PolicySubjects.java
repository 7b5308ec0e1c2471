package org.telecare.access.policy;

import java.util.Optional;
import java.util.Set;

/**
 * Whom a policy speaks about. Each set left empty matches anyone; a set that is given must
 * contain the requester's value (a requester without that value does not match).
 *
 * @param systems  authorised systems: partner platform ids or DICOM AE titles (S002 授权系统)
 * @param channels the doors data leaves by (S002 接口): web, dicomweb, dimse, eventbus, partner-api
 */
public record PolicySubjects(Set<String> users, Set<String> roles, Set<String> hospitals, Set<String> departments,
                             Set<String> systems, Set<String> channels) {
    public static final PolicySubjects ANYONE = new PolicySubjects(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public PolicySubjects {
        users = Set.copyOf(users);
        roles = Set.copyOf(roles);
        hospitals = Set.copyOf(hospitals);
        departments = Set.copyOf(departments);
        systems = Set.copyOf(systems);
        channels = Set.copyOf(channels);
    }

    boolean match(DataRequester r) {
        return in(users, r.userId()) && (roles.isEmpty() || r.roles().stream().anyMatch(roles::contains))
                && in(hospitals, r.hospitalId()) && in(departments, r.departmentId()) && in(systems, r.system())
                && (channels.isEmpty() || channels.contains(r.channel()));
    }

    static boolean in(Set<String> wanted, Optional<String> value) {
        return wanted.isEmpty() || value.map(wanted::contains).orElse(false);
    }
}
