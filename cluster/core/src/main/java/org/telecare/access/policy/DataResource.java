package org.telecare.access.policy;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The data being touched, described by the dimensions policies match on. The module that owns
 * the data fills it in: the archive for a study, the consult workflow for a report.
 *
 * @param dataType       what kind of data ({@code image}, {@code report}, {@code pathology},
 *                       {@code ecg}, …; a code of the {@code data-type} dictionary)
 * @param hospitalId     the hospital the data belongs to
 * @param patientClasses the patient's classes ({@code VIP}, {@code special}, …)
 * @param examType       the exam item or modality code
 * @param sourceSystem   the system the data came from (a device AE title, HIS, a partner platform)
 * @param dataTime       when the data was produced (study date), matched against a policy's data period
 */
public record DataResource(String dataType, Optional<String> hospitalId, Optional<String> departmentId,
                           Optional<String> patientId, Set<String> patientClasses, Optional<String> examId,
                           Optional<String> examType, Optional<String> sourceSystem, Optional<Instant> dataTime) {
    public DataResource {
        if (dataType == null || dataType.isBlank()) {
            throw new IllegalArgumentException("a data resource needs a data type");
        }
        patientClasses = Set.copyOf(patientClasses);
    }

    /** A resource of {@code dataType} in {@code hospitalId} with nothing else known yet. */
    public static DataResource of(String dataType, String hospitalId) {
        return new DataResource(dataType, Optional.of(hospitalId), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DataResource withDepartment(String id) {
        return new DataResource(dataType, hospitalId, Optional.of(id), patientId, patientClasses, examId, examType,
                sourceSystem, dataTime);
    }

    public DataResource withPatient(String id, Set<String> classes) {
        return new DataResource(dataType, hospitalId, departmentId, Optional.of(id), classes, examId, examType,
                sourceSystem, dataTime);
    }

    public DataResource withExam(String id, String type) {
        return new DataResource(dataType, hospitalId, departmentId, patientId, patientClasses, Optional.of(id),
                Optional.ofNullable(type), sourceSystem, dataTime);
    }

    public DataResource withSource(String system) {
        return new DataResource(dataType, hospitalId, departmentId, patientId, patientClasses, examId, examType,
                Optional.of(system), dataTime);
    }

    public DataResource at(Instant time) {
        return new DataResource(dataType, hospitalId, departmentId, patientId, patientClasses, examId, examType,
                sourceSystem, Optional.of(time));
    }
}
