package org.telecare.archive.catalog;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What data policies (SEC-4) look at for a study: whose it is, of whom, what kind, from where, when. */
public record StudyFacts(String studyUid, Optional<String> hospitalId, Optional<String> patientId,
                         Set<String> patientClasses, Optional<String> accessionNumber, Set<String> modalities,
                         Optional<String> sourceAe, Optional<Instant> studyTime) {
    public StudyFacts {
        patientClasses = Set.copyOf(patientClasses);
        modalities = Set.copyOf(modalities);
    }
}
