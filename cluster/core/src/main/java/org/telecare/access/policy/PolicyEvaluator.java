package org.telecare.access.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides one access question against a fixed set of policies (SEC-4), in this order:
 * <ol>
 *   <li>a matching deny wins;</li>
 *   <li>data of a protected patient class (VIP, special; S002 特殊患者) needs matching allows that
 *       name each of its protected classes (or the patient, or the exam): "users not granted
 *       may not view or act on special patients' reports";</li>
 *   <li>any other matching allow grants;</li>
 *   <li>otherwise the {@link Baseline}: a user's own hospital (systems get nothing by default).</li>
 * </ol>
 * Immutable and free of I/O, so it is safe on the event loop and between threads.
 */
public final class PolicyEvaluator {
    private final List<DataPolicy> policies;
    private final Set<String> protectedClasses;
    private final Baseline baseline;

    public PolicyEvaluator(List<DataPolicy> policies, Set<String> protectedClasses, Baseline baseline) {
        this.policies = List.copyOf(policies);
        this.protectedClasses = Set.copyOf(protectedClasses);
        this.baseline = baseline;
    }

    public AccessDecision decide(DataRequester requester, DataAction action, DataResource resource, Instant now) {
        List<DataPolicy> allows = new ArrayList<>();
        for (DataPolicy p : policies) {
            if (p.applies(requester, action, resource, now)) {
                if (p.effect() == Effect.DENY) {
                    return new AccessDecision.Denied("denied by policy '" + p.name() + "'", Optional.of(p.id()));
                }
                allows.add(p);
            }
        }
        Set<String> guarded = new TreeSet<>(resource.patientClasses());
        guarded.retainAll(protectedClasses);
        if (!guarded.isEmpty()) {
            for (String c : List.copyOf(guarded)) {
                if (allows.stream().anyMatch(p -> p.scope().names(c))) {
                    guarded.remove(c);
                }
            }
            if (!guarded.isEmpty()) {
                return new AccessDecision.Denied("patients of class " + String.join(", ", guarded)
                        + " need a policy that grants them by name", Optional.empty());
            }
            DataPolicy first = allows.getFirst();
            return new AccessDecision.Allowed("allowed by policy '" + first.name() + "'", Optional.of(first.id()));
        }
        if (!allows.isEmpty()) {
            DataPolicy first = allows.getFirst();
            return new AccessDecision.Allowed("allowed by policy '" + first.name() + "'", Optional.of(first.id()));
        }
        return baseline(requester, resource);
    }

    private AccessDecision baseline(DataRequester requester, DataResource resource) {
        if (baseline == Baseline.NONE) {
            return new AccessDecision.Denied("no policy allows this", Optional.empty());
        }
        if (requester.userId().isEmpty()) {
            return new AccessDecision.Denied("system " + requester.system().orElse("?")
                    + " has no policy allowing this", Optional.empty());
        }
        if (requester.allHospitals()) {
            return new AccessDecision.Allowed("platform scope", Optional.empty());
        }
        if (requester.hospitalId().isPresent() && requester.hospitalId().equals(resource.hospitalId())) {
            return new AccessDecision.Allowed("own hospital's data", Optional.empty());
        }
        return new AccessDecision.Denied("another hospital's data needs a policy (or a consult) granting it",
                Optional.empty());
    }

    public int size() {
        return policies.size();
    }
}
