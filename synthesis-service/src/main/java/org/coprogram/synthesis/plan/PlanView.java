package org.coprogram.synthesis.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A plan as the API shows it. */
public record PlanView(UUID id, String region, String title, LocalDate periodStart, LocalDate periodEnd, Phase phase,
        List<Theme> themes, List<String> leps, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static PlanView of(Plan plan) {
        return new PlanView(plan.id, plan.region, plan.title, plan.periodStart, plan.periodEnd, plan.phase, plan.themes,
                plan.leps, plan.createdAt, plan.updatedAt);
    }
}
