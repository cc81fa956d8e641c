package org.coprogram.common.planview;

import java.util.UUID;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Phase;

import io.smallrye.mutiny.Uni;

/**
 * The one set of rules on a service's {@link PlanView}: an unknown plan is 404; a plan in the wrong phase is 409 (the
 * request is well formed, the plan's state refuses it). Call within a Hibernate Reactive session.
 */
public final class PlanViews {

    private PlanViews() {
    }

    public static Uni<PlanView> require(UUID planId) {
        return PlanView.<PlanView>findById(planId).map(PlanViews::requireKnown);
    }

    /** Contributions (proposals, supports, surveys, responses) are accepted only while the plan is in consultation. */
    public static Uni<PlanView> requireConsultation(UUID planId) {
        return PlanView.<PlanView>findById(planId).map(PlanViews::requireConsultation);
    }

    public static Uni<PlanView> requireNotClosed(UUID planId) {
        return PlanView.<PlanView>findById(planId).map(PlanViews::requireNotClosed);
    }

    public static PlanView requireKnown(PlanView plan) {
        if (plan == null) {
            throw ProblemException.notFound("Piano non trovato");
        }
        return plan;
    }

    public static PlanView requireConsultation(PlanView plan) {
        requireKnown(plan);
        if (plan.phase != Phase.CONSULTATION) {
            throw ProblemException.conflict(
                    "Il piano non è in fase di consultazione (fase attuale: " + plan.phase
                            + "): non accetta contributi");
        }
        return plan;
    }

    public static PlanView requireNotClosed(PlanView plan) {
        requireKnown(plan);
        if (plan.phase == Phase.CLOSED) {
            throw ProblemException.conflict("Il piano è chiuso");
        }
        return plan;
    }
}
