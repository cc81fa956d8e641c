package org.coprogram.survey.survey;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SurveyService {

    private final Outbox outbox;
    private final AuditTrail audit;
    private final SurveyRepository surveys;
    private final PlanViews plans;
    private final Clock clock;

    public SurveyService(Outbox outbox, AuditTrail audit, SurveyRepository surveys, PlanViews plans, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.surveys = surveys;
        this.plans = plans;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Survey> create(UUID planId, SurveyRequest request, Caller caller) {
        return plans.find(planId).flatMap(plan -> {
            requireStaff(PlanViews.requireNotClosed(plan), caller);
            OffsetDateTime now = now();
            Survey survey = new Survey();
            survey.id = UUID.randomUUID();
            survey.planId = planId;
            survey.status = SurveyStatus.DRAFT;
            survey.version = 1;
            survey.createdBy = caller.accountId();
            survey.createdAt = now;
            apply(survey, request, now);
            return survey.<Survey>persist()
                    .call(saved -> audit.record(caller.accountId(), "survey.create", "survey", saved.id.toString(),
                            saved.title));
        });
    }

    /** Only a draft changes; each save is a new version. */
    @WithTransaction
    public Uni<Survey> update(UUID id, SurveyRequest request, Caller caller) {
        return managed(id, caller).flatMap(survey -> {
            if (survey.status != SurveyStatus.DRAFT) {
                throw ProblemException.conflict("Il questionario è pubblicato: le sue domande non cambiano più");
            }
            apply(survey, request, now());
            survey.version++;
            return audit.record(caller.accountId(), "survey.update", "survey", id.toString(), "v" + survey.version)
                    .replaceWith(survey);
        });
    }

    @WithTransaction
    public Uni<Survey> publish(UUID id, Caller caller) {
        return managed(id, caller).flatMap(survey -> plans.find(survey.planId).flatMap(plan -> {
            if (survey.status != SurveyStatus.DRAFT) {
                throw ProblemException.conflict("Il questionario è già stato pubblicato");
            }
            PlanViews.requireConsultation(plan);
            OffsetDateTime now = now();
            if (survey.closesAt != null && !survey.closesAt.isAfter(now)) {
                throw ProblemException.invalidField("closesAt", "la data di chiusura è già passata");
            }
            survey.status = SurveyStatus.PUBLISHED;
            survey.publishedAt = now;
            survey.territoryVersion = plan.territoryVersion;
            survey.districts = plan.districts;
            survey.updatedAt = now;
            return outbox.record(SurveyEvents.TOPIC, SurveyEvents.PUBLISHED, id.toString(),
                    survey.planId.toString(), SurveyView.of(survey))
                    .call(() -> audit.record(caller.accountId(), "survey.publish", "survey", id.toString(),
                            "v" + survey.version))
                    .replaceWith(survey);
        }));
    }

    @WithTransaction
    public Uni<Survey> close(UUID id, Caller caller) {
        return managed(id, caller).flatMap(survey -> {
            if (survey.status != SurveyStatus.PUBLISHED) {
                throw ProblemException.conflict(survey.status == SurveyStatus.CLOSED
                        ? "Il questionario è già chiuso"
                        : "Il questionario non è ancora pubblicato");
            }
            return closeNow(survey, SurveyEvents.CloseReason.BY_HAND)
                    .call(() -> audit.record(caller.accountId(), "survey.close", "survey", id.toString(), null))
                    .replaceWith(survey);
        });
    }

    /**
     * Closes every published survey whose closing date has passed. The row lock makes a second replica wait, and
     * PostgreSQL then re-checks the condition on the closed row, so each survey is closed once.
     */
    @WithTransaction
    public Uni<Integer> closeDue() {
        return surveys.lockDue(now()).flatMap(due -> {
            Uni<Void> closing = Uni.createFrom().voidItem();
            for (Survey survey : due) {
                closing = closing.call(() -> closeNow(survey, SurveyEvents.CloseReason.DEADLINE));
            }
            return closing.replaceWith(due.size());
        });
    }

    private Uni<Void> closeNow(Survey survey, SurveyEvents.CloseReason reason) {
        OffsetDateTime now = now();
        survey.status = SurveyStatus.CLOSED;
        survey.closedAt = now;
        survey.updatedAt = now;
        return outbox.record(SurveyEvents.TOPIC, SurveyEvents.CLOSED, survey.id.toString(), survey.planId.toString(),
                new SurveyEvents.Closed(survey.id, survey.planId, survey.version, reason, now))
                .call(() -> surveys.forgetStarted(survey.id)).replaceWithVoid();
    }

    /** A published or closed survey for anyone; a draft only for region staff of the plan's region. */
    @WithSession
    public Uni<Survey> find(UUID id, Caller caller) {
        return surveys.find(id).flatMap(survey -> {
            if (survey == null) {
                throw ProblemException.notFound("Questionario non trovato");
            }
            if (survey.status != SurveyStatus.DRAFT) {
                return Uni.createFrom().item(survey);
            }
            return plans.find(survey.planId).map(plan -> {
                if (!isStaff(plan, caller)) {
                    throw ProblemException.notFound("Questionario non trovato");
                }
                return survey;
            });
        });
    }

    @WithSession
    public Uni<Page<SurveyView>> list(UUID planId, PageRequest page, Caller caller) {
        return plans.require(planId).flatMap(plan -> surveys.ofPlan(planId, isStaff(plan, caller), page))
                .map(found -> new Page<>(found.items().stream().map(SurveyView::of).toList(), found.page(),
                        found.size(), found.total()));
    }

    /** The survey, locked, if the caller is region staff of its plan's region. */
    public Uni<Survey> managed(UUID id, Caller caller) {
        return surveys.lock(id).flatMap(survey -> {
            if (survey == null) {
                throw ProblemException.notFound("Questionario non trovato");
            }
            return plans.find(survey.planId).map(plan -> {
                requireStaff(survey, plan, caller, "Solo la Regione del piano gestisce i suoi questionari");
                return survey;
            });
        });
    }

    public static boolean isStaff(PlanView plan, Caller caller) {
        return plan != null && caller.isRegionStaffOf(plan.region);
    }

    /**
     * Refuses anyone but region staff of the plan's region. A draft exists only for them (GET answers 404 to anyone
     * else), so for a draft the refusal is 404 too: a 403 would tell another region's staff that it exists.
     */
    public static void requireStaff(Survey survey, PlanView plan, Caller caller, String detail) {
        if (survey.status == SurveyStatus.DRAFT && !isStaff(plan, caller)) {
            throw ProblemException.notFound("Questionario non trovato");
        }
        caller.require(isStaff(plan, caller), detail);
    }

    private static void apply(Survey survey, SurveyRequest request, OffsetDateTime now) {
        DefinitionRules.check(request.questions());
        if (request.closesAt() != null && !request.closesAt().isAfter(now)) {
            throw ProblemException.invalidField("closesAt", "la data di chiusura deve essere futura");
        }
        survey.title = request.title().strip();
        survey.description = request.description() == null ? "" : request.description().strip();
        survey.anonymous = request.anonymous();
        survey.questions = List.copyOf(request.questions());
        survey.closesAt = request.closesAt();
        survey.updatedAt = now;
    }

    private static void requireStaff(PlanView plan, Caller caller) {
        caller.require(isStaff(plan, caller), "Solo la Regione del piano crea i suoi questionari");
    }

    /** The time decisions are taken by (a closing date passed or still ahead): the injected clock's. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
