package org.coprogram.synthesis.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.coprogram.contracts.Phase;

/** A plan as the API shows it; {@code territoryVersion} is the region's territory version it uses. */
public record PlanView(UUID id, String region, String title, LocalDate periodStart, LocalDate periodEnd, Phase phase,
        List<Theme> themes, List<String> leps, List<PlannedPhase> timeline, Adoption adoption,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, Integer territoryVersion) {

    static PlanView of(Plan plan) {
        Adoption adoption = plan.adoptionResolution == null
                ? null
                : new Adoption(plan.adoptionResolution, plan.adoptionDate, plan.adoptionUrl);
        return new PlanView(plan.id, plan.region, plan.title, plan.periodStart, plan.periodEnd, plan.phase, plan.themes,
                plan.leps, plan.timeline, adoption, plan.createdAt, plan.updatedAt, plan.territoryVersion);
    }
}
