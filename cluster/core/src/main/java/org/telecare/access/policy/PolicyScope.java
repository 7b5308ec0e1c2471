package org.telecare.access.policy;

import java.util.Set;

import static org.telecare.access.policy.PolicySubjects.in;

/**
 * Which data a policy speaks about. As with {@link PolicySubjects}, an empty set matches any
 * value and a given set must contain the resource's value.
 *
 * @param patientClasses matches when the patient belongs to one of these classes
 * @param dataPeriod     when the data was produced (S002 数据时段); data of unknown time never matches a bounded period
 */
public record PolicyScope(Set<String> dataTypes, Set<String> hospitals, Set<String> departments,
                          Set<String> patientClasses, Set<String> patients, Set<String> exams, Set<String> examTypes,
                          Set<String> sourceSystems, TimeWindow dataPeriod) {
    public static final PolicyScope ALL_DATA = new PolicyScope(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
            Set.of(), Set.of(), TimeWindow.ALWAYS);

    public PolicyScope {
        dataTypes = Set.copyOf(dataTypes);
        hospitals = Set.copyOf(hospitals);
        departments = Set.copyOf(departments);
        patientClasses = Set.copyOf(patientClasses);
        patients = Set.copyOf(patients);
        exams = Set.copyOf(exams);
        examTypes = Set.copyOf(examTypes);
        sourceSystems = Set.copyOf(sourceSystems);
    }

    boolean match(DataResource r) {
        return (dataTypes.isEmpty() || dataTypes.contains(r.dataType())) && in(hospitals, r.hospitalId())
                && in(departments, r.departmentId())
                && (patientClasses.isEmpty() || r.patientClasses().stream().anyMatch(patientClasses::contains))
                && in(patients, r.patientId()) && in(exams, r.examId()) && in(examTypes, r.examType())
                && in(sourceSystems, r.sourceSystem())
                && (dataPeriod.unbounded() || r.dataTime().map(dataPeriod::contains).orElse(false));
    }

    /** Whether this scope singles out protected data by name: its class, the patient or the exam. */
    boolean names(String protectedClass) {
        return patientClasses.contains(protectedClass) || !patients.isEmpty() || !exams.isEmpty();
    }
}
