package org.coprogram.synthesis.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Phase;
import org.coprogram.contracts.Topics;

/** The events of the plan aggregate on {@code coprogram.plans}. Each carries the plan's current state. */
public final class PlanEvents {

    public static final String TOPIC = Topics.PLANS;
    public static final String CREATED = EventTypes.PLAN_CREATED;
    public static final String PHASE_CHANGED = EventTypes.PLAN_PHASE_CHANGED;
    public static final String ADOPTED = EventTypes.PLAN_ADOPTED;

    private PlanEvents() {
    }

    /** Data of {@code plan.adopted.v1}. */
    public record Adopted(UUID planId, String region, String resolutionNumber, LocalDate resolutionDate,
            String documentUrl) {

        static Adopted of(Plan plan) {
            return new Adopted(plan.id, plan.region, plan.adoptionResolution, plan.adoptionDate, plan.adoptionUrl);
        }
    }

    /** Data of {@code plan.created.v1} and {@code plan.phase-changed.v1}; {@code previousPhase} is null on creation. */
    public record PlanState(UUID planId, String region, String title, LocalDate periodStart, LocalDate periodEnd,
            Phase phase, Phase previousPhase, List<Theme> themes, List<String> leps) {

        static PlanState of(Plan plan, Phase previousPhase) {
            return new PlanState(plan.id, plan.region, plan.title, plan.periodStart, plan.periodEnd, plan.phase,
                    previousPhase, plan.themes, plan.leps);
        }
    }
}
