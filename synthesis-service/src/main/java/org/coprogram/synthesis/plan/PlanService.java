package org.coprogram.synthesis.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Phase;
import org.coprogram.synthesis.territory.TerritoryVersions;

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
    private final TerritoryVersions territories;

    public PlanService(PlanRepository plans, Outbox outbox, AuditTrail audit, Clock clock,
            TerritoryVersions territories) {
        this.territories = territories;
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
        return territories.inForce(plan.region).invoke(version -> plan.territoryVersion = version)
                .chain(() -> plans.persist(plan))
                .call(saved -> outbox.record(PlanEvents.TOPIC, PlanEvents.CREATED, saved.id.toString(),
                        saved.id.toString(), PlanEvents.PlanState.of(saved, null)))
                .call(saved -> territoryChanged(saved, null, now))
                .call(saved -> audit.record(actor, "plan.create", "plan", saved.id.toString(), saved.title));
    }

    /**
     * Moves the plan to another territory version of its region: only region staff of that region, not once the plan
     * is closed, and not to a version that lacks a district the plan's social reports or monitoring values name (they
     * would fall outside every district of the plan). The same version again changes nothing.
     */
    @WithTransaction
    public Uni<Plan> moveTerritory(UUID planId, int version, String note, PlanAccess access) {
        return plans.require(planId).flatMap(plan -> {
            access.requireRegionStaff(plan);
            if (plan.phase == Phase.CLOSED) {
                throw ProblemException.conflict("Il piano è chiuso: i suoi territori non cambiano più");
            }
            if (Objects.equals(plan.territoryVersion, version)) {
                return Uni.createFrom().item(plan);
            }
            return territories.require(plan.region, version)
                    .onFailure(ProblemException.class).transform(missing -> ProblemException.invalidField("version",
                            "la Regione del piano non ha la versione " + version + " dei territori"))
                    .chain(() -> territories.catalog(plan.region, version))
                    .flatMap(target -> territories.districtsInUse(planId).map(inUse -> {
                        List<String> missing = inUse.stream()
                                .filter(code -> target.districtIn(plan.region, code).isEmpty()).toList();
                        if (!missing.isEmpty()) {
                            throw ProblemException.conflict("La versione " + version + " non ha gli ambiti "
                                    + String.join(", ", missing) + ", di cui il piano ha già relazioni sociali o"
                                    + " valori di monitoraggio: resterebbero fuori da ogni ambito del piano");
                        }
                        return plan;
                    }))
                    .call(found -> {
                        Integer previous = plan.territoryVersion;
                        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                        plan.territoryVersion = version;
                        plan.updatedAt = now;
                        return territoryChanged(plan, previous, now).call(() -> audit.record(access.actor(),
                                "plan.territory", "plan", plan.id.toString(), previous + "->" + version
                                        + (note == null || note.isBlank() ? "" : ": " + note.strip())));
                    });
        });
    }

    /**
     * Gives a plan older than territory versions its region's first version, the composition it has been using, and
     * tells the other services with the same event as a move. One plan per transaction (see TerritorySeed).
     */
    @WithTransaction
    public Uni<Boolean> settleTerritory(UUID planId) {
        return plans.require(planId).flatMap(plan -> {
            if (plan.territoryVersion != null) {
                return Uni.createFrom().item(false);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            plan.territoryVersion = 1;
            return territoryChanged(plan, null, now)
                    .call(() -> audit.record("system", "plan.territory", "plan", plan.id.toString(), "null->1"))
                    .replaceWith(true);
        });
    }

    /** The version the plan uses, as the territory versions list it. */
    @WithSession
    public Uni<PlanTerritoryView> territory(UUID planId) {
        return plans.require(planId).flatMap(plan -> {
            int version = plan.territoryVersion == null ? 1 : plan.territoryVersion;
            return territories.view(plan.region, version)
                    .map(view -> new PlanTerritoryView(plan.id, plan.region, plan.phase, version, view));
        });
    }

    /** The plans that {@link #settleTerritory} has yet to settle. */
    @WithSession
    public Uni<List<UUID>> withoutTerritory() {
        return plans.withoutTerritory().map(found -> found.stream().map(plan -> plan.id).toList());
    }

    private Uni<Void> territoryChanged(Plan plan, Integer previous, OffsetDateTime now) {
        return territories.require(plan.region, plan.territoryVersion)
                .flatMap(version -> territories.catalog(plan.region, plan.territoryVersion)
                        .flatMap(catalog -> outbox.record(PlanEvents.TOPIC, PlanEvents.TERRITORY_CHANGED,
                                plan.id.toString(), plan.id.toString(), PlanEvents.TerritoryChanged.of(plan, previous,
                                        version.effectiveFrom(), version.note(), version.populationSource(), catalog,
                                        now))))
                .replaceWithVoid();
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
