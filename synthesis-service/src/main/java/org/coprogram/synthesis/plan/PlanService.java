package org.coprogram.synthesis.plan;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PlanService {

    private final PlanRepository plans;
    private final Outbox outbox;
    private final AuditTrail audit;

    public PlanService(PlanRepository plans, Outbox outbox, AuditTrail audit) {
        this.plans = plans;
        this.outbox = outbox;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Plan> create(NewPlan request, String actor) {
        if (!request.periodEnd().isAfter(request.periodStart())) {
            throw ProblemException.invalidField("periodEnd", "la data di fine deve seguire la data di inizio");
        }
        if (request.themes().stream().map(Theme::code).distinct().count() != request.themes().size()) {
            throw ProblemException.invalidField("themes", "codici di area ripetuti");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Plan plan = new Plan();
        plan.id = UUID.randomUUID();
        plan.region = request.region();
        plan.title = request.title().strip();
        plan.periodStart = request.periodStart();
        plan.periodEnd = request.periodEnd();
        plan.phase = Phase.DRAFT;
        plan.themes = List.copyOf(request.themes());
        plan.leps = request.leps() == null ? List.of() : List.copyOf(request.leps());
        plan.createdAt = now;
        plan.updatedAt = now;
        plan.createdBy = actor;
        return plans.persist(plan)
                .call(saved -> outbox.record(PlanEvents.TOPIC, PlanEvents.CREATED, saved.id.toString(),
                        saved.id.toString(), PlanEvents.PlanState.of(saved, null)))
                .call(saved -> audit.record(actor, "plan.create", "plan", saved.id.toString(), saved.title));
    }

    /** Moves the plan forward; {@code region} is the caller's region, which must be the plan's. */
    @WithTransaction
    public Uni<Plan> changePhase(UUID planId, Phase next, String actor, String region) {
        return plans.findById(planId).map(plan -> {
            if (plan == null) {
                throw ProblemException.notFound("Piano non trovato");
            }
            if (!plan.region.equals(region)) {
                throw ProblemException.forbidden("Il piano appartiene a un'altra regione");
            }
            if (!plan.phase.canMoveTo(next)) {
                throw ProblemException.conflict("Il piano è in fase " + plan.phase + " e non può passare a " + next
                        + ": le fasi procedono solo in avanti");
            }
            return plan;
        }).call(plan -> {
            Phase previous = plan.phase;
            plan.phase = next;
            plan.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return outbox.record(PlanEvents.TOPIC, PlanEvents.PHASE_CHANGED, plan.id.toString(), plan.id.toString(),
                    PlanEvents.PlanState.of(plan, previous))
                    .call(() -> audit.record(actor, "plan.phase", "plan", plan.id.toString(), previous + "->" + next));
        });
    }

    @WithSession
    public Uni<Plan> find(UUID planId) {
        return plans.findById(planId).map(plan -> {
            if (plan == null) {
                throw ProblemException.notFound("Piano non trovato");
            }
            return plan;
        });
    }

    @WithSession
    public Uni<Page<PlanView>> list(String region, PageRequest page) {
        return plans.page(region, page).flatMap(items -> plans.count(region)
                .map(total -> new Page<>(items.stream().map(PlanView::of).toList(), page.page(), page.size(), total)));
    }
}
