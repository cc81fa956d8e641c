package org.coprogram.synthesis.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Phase;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PlanService {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    private final PlanRepository plans;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public PlanService(PlanRepository plans, Outbox outbox, AuditTrail audit, Clock clock) {
        this.clock = clock;
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
        List<PlannedPhase> timeline = request.timeline() == null ? List.of() : List.copyOf(request.timeline());
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i).plannedEnd().isBefore(timeline.get(i).plannedStart())) {
                throw ProblemException.invalidField("timeline[" + i + "].plannedEnd", "la fine precede l'inizio");
            }
        }
        if (timeline.stream().map(PlannedPhase::phase).distinct().count() != timeline.size()) {
            throw ProblemException.invalidField("timeline", "fasi ripetute");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Plan plan = new Plan();
        plan.timeline = timeline;
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

    /** Moves the plan forward; only region staff of the plan's region. */
    @WithTransaction
    public Uni<Plan> changePhase(UUID planId, Phase next, PlanAccess access) {
        String actor = access.actor();
        return plans.findById(planId).map(plan -> {
            if (plan == null) {
                throw ProblemException.notFound("Piano non trovato");
            }
            access.requireRegionStaff(plan);
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

    /**
     * Records the Giunta resolution: the plan, in SYNTHESIS or ADOPTION, moves to ADOPTION and then to MONITORING,
     * each move an event, with {@code plan.adopted.v1} between them.
     */
    @WithTransaction
    public Uni<Plan> adopt(UUID planId, Adoption adoption, PlanAccess access) {
        String actor = access.actor();
        if (adoption.resolutionDate().isAfter(LocalDate.ofInstant(clock.instant(), ROME))) {
            throw ProblemException.invalidField("resolutionDate", "la data della delibera non può essere futura");
        }
        return plans.findById(planId).map(plan -> {
            if (plan == null) {
                throw ProblemException.notFound("Piano non trovato");
            }
            access.requireRegionStaff(plan);
            if (plan.adoptionResolution != null) {
                throw ProblemException
                        .conflict("Il piano è già stato adottato con la delibera " + plan.adoptionResolution);
            }
            if (plan.phase != Phase.SYNTHESIS && plan.phase != Phase.ADOPTION) {
                throw ProblemException.conflict("L'adozione segue la sintesi: il piano è in fase " + plan.phase);
            }
            return plan;
        }).call(plan -> {
            Phase previous = plan.phase;
            plan.adoptionResolution = adoption.resolutionNumber().strip();
            plan.adoptionDate = adoption.resolutionDate();
            plan.adoptionUrl = adoption.documentUrl();
            plan.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            Uni<?> toAdoption = Uni.createFrom().voidItem();
            if (previous == Phase.SYNTHESIS) {
                plan.phase = Phase.ADOPTION;
                toAdoption = outbox.record(PlanEvents.TOPIC, PlanEvents.PHASE_CHANGED, plan.id.toString(),
                        plan.id.toString(), PlanEvents.PlanState.of(plan, previous));
            }
            return toAdoption
                    .call(() -> outbox.record(PlanEvents.TOPIC, PlanEvents.ADOPTED, plan.id.toString(),
                            plan.id.toString(), PlanEvents.Adopted.of(plan)))
                    .invoke(() -> plan.phase = Phase.MONITORING)
                    .call(() -> outbox.record(PlanEvents.TOPIC, PlanEvents.PHASE_CHANGED, plan.id.toString(),
                            plan.id.toString(), PlanEvents.PlanState.of(plan, Phase.ADOPTION)))
                    .call(() -> audit.record(actor, "plan.adopt", "plan", plan.id.toString(),
                            plan.adoptionResolution));
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
