package org.coprogram.common.planview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Phase;
import org.junit.jupiter.api.Test;

class PlanViewsTest {

    @Test
    void contributionsNeedAKnownPlanInConsultation() {
        assertThat(PlanViews.requireConsultation(plan(Phase.CONSULTATION)).phase).isEqualTo(Phase.CONSULTATION);
        assertRefused(() -> PlanViews.requireConsultation((PlanView) null), 404);
        for (Phase phase : Phase.values()) {
            if (phase != Phase.CONSULTATION) {
                assertRefused(() -> PlanViews.requireConsultation(plan(phase)), 409);
            }
        }
    }

    @Test
    void onlyAClosedPlanRefusesOrganisersWork() {
        assertThat(PlanViews.requireNotClosed(plan(Phase.DRAFT))).isNotNull();
        assertThat(PlanViews.requireNotClosed(plan(Phase.MONITORING))).isNotNull();
        assertRefused(() -> PlanViews.requireNotClosed(plan(Phase.CLOSED)), 409);
        assertRefused(() -> PlanViews.requireNotClosed((PlanView) null), 404);
    }

    private static PlanView plan(Phase phase) {
        PlanView plan = new PlanView();
        plan.region = "puglia";
        plan.phase = phase;
        return plan;
    }

    private static void assertRefused(Runnable check, int status) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.status()).isEqualTo(status));
    }
}
