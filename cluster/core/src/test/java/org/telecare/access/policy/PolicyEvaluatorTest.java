package org.telecare.access.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Set<String> PROTECTED = Set.of("VIP", "special");

    private final DataRequester doctorA = user("u-doc", "doctor", "hosp-a", "dept-rad");
    private final DataRequester expertB = user("u-exp", "expert", "hosp-b", "dept-x");
    private final DataResource imageA = DataResource.of("image", "hosp-a").withDepartment("dept-rad")
            .withPatient("pat-1", Set.of()).withExam("exam-1", "CT").withSource("CT01")
            .at(Instant.parse("2026-01-10T08:00:00Z"));
    private final DataResource vipReportA = DataResource.of("report", "hosp-a").withPatient("pat-vip", Set.of("VIP"))
            .withExam("exam-9", "MR");

    private static DataRequester user(String id, String role, String hospital, String dept) {
        return new DataRequester(Optional.of(id), Set.of(role), Optional.of(hospital), Optional.of(dept),
                Optional.empty(), DataRequester.WEB, false);
    }

    private static PolicyEvaluator evaluator(DataPolicy... policies) {
        return new PolicyEvaluator(List.of(policies), PROTECTED, Baseline.OWN_HOSPITAL);
    }

    private static DataPolicy policy(String id, Effect effect, PolicySubjects subjects, PolicyScope scope, DataAction... actions) {
        return new DataPolicy(id, "policy " + id, effect, Set.of(actions), subjects, scope, TimeWindow.ALWAYS, true,
                Optional.empty());
    }

    private static PolicySubjects users(String... ids) {
        return new PolicySubjects(Set.of(ids), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    private static PolicyScope scopeOf(Set<String> dataTypes, Set<String> classes, Set<String> exams) {
        return new PolicyScope(dataTypes, Set.of(), Set.of(), classes, Set.of(), exams, Set.of(), Set.of(), TimeWindow.ALWAYS);
    }

    @Test
    void baselineGrantsOwnHospitalAndRefusesOthers() {
        PolicyEvaluator e = evaluator();
        assertThat(e.decide(doctorA, DataAction.READ, imageA, NOW).allowed()).isTrue();
        AccessDecision other = e.decide(expertB, DataAction.READ, imageA, NOW);
        assertThat(other).isInstanceOf(AccessDecision.Denied.class);
        assertThat(other.reason()).contains("another hospital");
    }

    @Test
    void platformScopeSeesEveryHospitalButSystemsGetNothingByDefault() {
        DataRequester platform = new DataRequester(Optional.of("u-admin"), Set.of("admin"), Optional.empty(),
                Optional.empty(), Optional.empty(), DataRequester.WEB, true);
        assertThat(evaluator().decide(platform, DataAction.READ, imageA, NOW).allowed()).isTrue();
        DataRequester his = DataRequester.system("HIS-1", DataRequester.PARTNER_API);
        assertThat(evaluator().decide(his, DataAction.READ, imageA, NOW).reason()).contains("HIS-1");
    }

    @Test
    void anAllowOpensAnotherHospitalsExamToOneExpert() {
        PolicyEvaluator e = evaluator(policy("p1", Effect.ALLOW, users("u-exp"),
                scopeOf(Set.of(), Set.of(), Set.of("exam-1")), DataAction.READ));
        AccessDecision d = e.decide(expertB, DataAction.READ, imageA, NOW);
        assertThat(d.allowed()).isTrue();
        assertThat(d.policyId()).contains("p1");
        // The grant is for reading only, and for that exam only.
        assertThat(e.decide(expertB, DataAction.EXPORT, imageA, NOW).allowed()).isFalse();
        assertThat(e.decide(expertB, DataAction.READ, imageA.withExam("exam-2", "CT"), NOW).allowed()).isFalse();
    }

    @Test
    void denyWinsOverAllowAndOverTheBaseline() {
        DataPolicy allow = policy("allow", Effect.ALLOW, PolicySubjects.ANYONE, PolicyScope.ALL_DATA, DataAction.READ);
        DataPolicy deny = policy("deny", Effect.DENY, users("u-doc"), scopeOf(Set.of("image"), Set.of(), Set.of()),
                DataAction.READ);
        for (PolicyEvaluator e : List.of(evaluator(allow, deny), evaluator(deny, allow))) {
            AccessDecision d = e.decide(doctorA, DataAction.READ, imageA, NOW);
            assertThat(d).isInstanceOf(AccessDecision.Denied.class);
            assertThat(d.policyId()).contains("deny");
        }
        // The deny is about images; the doctor's own reports stay readable.
        assertThat(evaluator(deny).decide(doctorA, DataAction.READ, DataResource.of("report", "hosp-a"), NOW).allowed())
                .isTrue();
    }

    @Test
    void protectedPatientsNeedAnAllowThatNamesThem() {
        // The own-hospital baseline does not reach VIP patients.
        assertThat(evaluator().decide(doctorA, DataAction.READ, vipReportA, NOW).reason()).contains("VIP");
        // Nor does a broad allow.
        DataPolicy broad = policy("broad", Effect.ALLOW, PolicySubjects.ANYONE, PolicyScope.ALL_DATA, DataAction.READ);
        assertThat(evaluator(broad).decide(doctorA, DataAction.READ, vipReportA, NOW).allowed()).isFalse();
        // An allow naming the class does, for its subjects only.
        DataPolicy vip = policy("vip", Effect.ALLOW, users("u-doc"), scopeOf(Set.of(), Set.of("VIP"), Set.of()),
                DataAction.READ);
        assertThat(evaluator(vip).decide(doctorA, DataAction.READ, vipReportA, NOW).allowed()).isTrue();
        assertThat(evaluator(vip).decide(user("u-other", "doctor", "hosp-a", "dept-rad"), DataAction.READ, vipReportA, NOW)
                .allowed()).isFalse();
        // A patient in two protected classes needs both named.
        DataResource both = vipReportA.withPatient("pat-vip", Set.of("VIP", "special"));
        assertThat(evaluator(vip).decide(doctorA, DataAction.READ, both, NOW).reason()).contains("special")
                .doesNotContain("VIP");
        // Naming the exam is naming the data.
        DataPolicy exam = policy("exam", Effect.ALLOW, users("u-doc"), scopeOf(Set.of(), Set.of(), Set.of("exam-9")),
                DataAction.READ);
        assertThat(evaluator(exam).decide(doctorA, DataAction.READ, both, NOW).allowed()).isTrue();
    }

    @Test
    void authorisationPeriodAndDataPeriodAreBothHonoured() {
        DataPolicy timed = new DataPolicy("t", "until end of consult", Effect.ALLOW, Set.of(DataAction.READ),
                users("u-exp"), PolicyScope.ALL_DATA,
                new TimeWindow(Optional.of(NOW.minusSeconds(60)), Optional.of(NOW.plusSeconds(60))), true, Optional.empty());
        assertThat(evaluator(timed).decide(expertB, DataAction.READ, imageA, NOW).allowed()).isTrue();
        assertThat(evaluator(timed).decide(expertB, DataAction.READ, imageA, NOW.plusSeconds(60)).allowed()).isFalse();
        assertThat(evaluator(timed).decide(expertB, DataAction.READ, imageA, NOW.minusSeconds(61)).allowed()).isFalse();

        PolicyScope year2025 = new PolicyScope(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                Set.of(), new TimeWindow(Optional.of(Instant.parse("2025-01-01T00:00:00Z")),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z"))));
        DataPolicy old = policy("old", Effect.DENY, PolicySubjects.ANYONE, year2025, DataAction.READ);
        assertThat(evaluator(old).decide(doctorA, DataAction.READ, imageA, NOW).allowed()).isTrue();
        assertThat(evaluator(old).decide(doctorA, DataAction.READ, imageA.at(Instant.parse("2025-06-01T00:00:00Z")), NOW)
                .allowed()).isFalse();
        // Data of unknown time is not inside a bounded period.
        assertThat(evaluator(old).decide(doctorA, DataAction.READ, DataResource.of("image", "hosp-a"), NOW).allowed())
                .isTrue();
    }

    @Test
    void channelSourceSystemRoleAndDepartmentNarrowAPolicy() {
        PolicySubjects viaDicomweb = new PolicySubjects(Set.of(), Set.of("doctor"), Set.of("hosp-a"), Set.of("dept-rad"),
                Set.of(), Set.of(DataRequester.DICOMWEB));
        PolicyScope fromCt01 = new PolicyScope(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of("CT"),
                Set.of("CT01"), TimeWindow.ALWAYS);
        DataPolicy deny = policy("d", Effect.DENY, viaDicomweb, fromCt01, DataAction.READ);
        PolicyEvaluator e = evaluator(deny);
        assertThat(e.decide(doctorA, DataAction.READ, imageA, NOW).allowed()).isTrue(); // web, not dicomweb
        DataRequester overDicomweb = new DataRequester(doctorA.userId(), doctorA.roles(), doctorA.hospitalId(),
                doctorA.departmentId(), Optional.empty(), DataRequester.DICOMWEB, false);
        assertThat(e.decide(overDicomweb, DataAction.READ, imageA, NOW).allowed()).isFalse();
        assertThat(e.decide(overDicomweb, DataAction.READ, imageA.withSource("MR02"), NOW).allowed()).isTrue();
        assertThat(e.decide(overDicomweb, DataAction.READ, imageA.withExam("exam-1", "US"), NOW).allowed()).isTrue();
    }

    @Test
    void disabledPoliciesAndStrictBaselineBehave() {
        DataPolicy off = new DataPolicy("off", "off", Effect.DENY, Set.of(DataAction.READ), PolicySubjects.ANYONE,
                PolicyScope.ALL_DATA, TimeWindow.ALWAYS, false, Optional.empty());
        assertThat(evaluator(off).decide(doctorA, DataAction.READ, imageA, NOW).allowed()).isTrue();
        PolicyEvaluator strict = new PolicyEvaluator(List.of(), PROTECTED, Baseline.NONE);
        assertThat(strict.decide(doctorA, DataAction.READ, imageA, NOW).allowed()).isFalse();
    }

    @Test
    void malformedPoliciesAreRefused() {
        assertThatThrownBy(() -> new DataPolicy("x", "x", Effect.ALLOW, Set.of(), PolicySubjects.ANYONE,
                PolicyScope.ALL_DATA, TimeWindow.ALWAYS, true, Optional.empty())).hasMessageContaining("action");
        assertThatThrownBy(() -> new TimeWindow(Optional.of(NOW), Optional.of(NOW))).hasMessageContaining("end after");
        assertThatThrownBy(() -> DataAction.ofCode("steal")).hasMessageContaining("known");
    }
}
