package org.coprogram.synthesis.readmodel;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.inbox.ReceivedEvent;
import org.coprogram.contracts.EventTypes;
import org.coprogram.synthesis.plan.PlanRepository;

import io.smallrye.mutiny.Uni;

/**
 * The one place where the read model changes: routes an event to its projection, notes which plan it shaped and
 * raises that plan's read-model version. Runs inside the inbox's transaction, so the effect and the record of the
 * event id commit together. Events of plans this service does not know are recorded and otherwise ignored.
 */
@ApplicationScoped
public class SynthesisProjector {

    private final ProposalProjection proposals;
    private final SurveyProjection surveys;
    private final MeetingProjection meetings;
    private final SocialReportProjection socialReports;
    private final CommentProjection comments;
    private final ReadModelRepository rows;
    private final PlanRepository plansRepository;
    private final EventLag lag;
    private final Set<String> unknownPlans = ConcurrentHashMap.newKeySet();
    private final Set<UUID> knownPlans = ConcurrentHashMap.newKeySet();

    SynthesisProjector(ProposalProjection proposals, SurveyProjection surveys, MeetingProjection meetings,
            SocialReportProjection socialReports, CommentProjection comments, ReadModelRepository rows,
            PlanRepository plansRepository, EventLag lag) {
        this.comments = comments;
        this.rows = rows;
        this.plansRepository = plansRepository;
        this.proposals = proposals;
        this.surveys = surveys;
        this.meetings = meetings;
        this.socialReports = socialReports;
        this.lag = lag;
    }

    /**
     * False for events that cannot change the read model: of another kind, or of a plan already found unknown here
     * (plan ids are made by this service, so an unknown one stays unknown; this skips other deployments' events
     * without a transaction each).
     */
    public boolean mayApply(ReceivedEvent event) {
        return event.planId() != null && handles(event.type()) && !unknownPlans.contains(event.planId());
    }

    /** One event with its bookkeeping: for replays, one event per transaction. */
    public Uni<Void> apply(ReceivedEvent event) {
        return project(event).chain(() -> afterBatch(List.of(event)));
    }

    /**
     * The event's effect on the read model only; {@link #afterBatch} does the bookkeeping once for a batch. Events of
     * plans unknown here change nothing.
     */
    public Uni<Void> project(ReceivedEvent event) {
        if (!mayApply(event)) {
            return Uni.createFrom().voidItem();
        }
        UUID planId = UUID.fromString(event.planId());
        return known(planId).flatMap(known -> known ? route(planId, event) : unknown(event.planId()));
    }

    /**
     * Per batch, in its transaction: which plan each event shaped (one statement) and one version step per plan,
     * rather than both per event; the version only has to change when the read model did.
     */
    public Uni<Void> afterBatch(List<ReceivedEvent> events) {
        // A plan's territory event raises the version itself, when it must (see route), and a rebuild, which replays
        // the contribution topics only, has nothing of it to forget.
        List<ReceivedEvent> applied = events.stream()
                .filter(e -> mayApply(e) && knownPlans.contains(UUID.fromString(e.planId()))
                        && !EventTypes.PLAN_TERRITORY_CHANGED.equals(e.type()))
                .toList();
        if (applied.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<UUID> plans = new TreeSet<>(applied.stream().map(e -> UUID.fromString(e.planId())).toList());
        return rows.planEvents(applied.stream()
                .map(e -> new ReadModelRepository.PlanEvent(e.id(), UUID.fromString(e.planId()))).toList())
                .chain(() -> rows.raiseVersions(plans))
                .invoke(() -> applied.forEach(event -> lag.record(event.time())))
                .replaceWithVoid();
    }

    /** Plans are never deleted, so once found a plan is remembered: no lookup per event on the hot path. */
    private Uni<Boolean> known(UUID planId) {
        if (knownPlans.contains(planId)) {
            return Uni.createFrom().item(true);
        }
        return plansRepository.findById(planId).map(plan -> {
            if (plan != null) {
                knownPlans.add(planId);
            }
            return plan != null;
        });
    }

    private Uni<Void> unknown(String planId) {
        unknownPlans.add(planId);
        return Uni.createFrom().voidItem();
    }

    static boolean handles(String type) {
        return type.startsWith(ProposalProjection.PREFIX) || type.startsWith(SurveyProjection.PREFIX)
                || type.startsWith(MeetingProjection.PREFIX) || type.startsWith(SocialReportProjection.PREFIX)
                || type.startsWith(CommentProjection.PREFIX) || EventTypes.PLAN_TERRITORY_CHANGED.equals(type);
    }

    private Uni<Void> route(UUID planId, ReceivedEvent event) {
        String type = event.type();
        if (EventTypes.PLAN_TERRITORY_CHANGED.equals(type)) {
            // The plan now uses another territory version: its contributions follow it, and kept views, which name
            // its districts, are computed again. A plan's first version (at creation, or given at start-up to an older
            // plan) changes the views only if it placed rows differently.
            boolean first = event.data().path("previousTerritoryVersion").isNull();
            return rows.replace(planId).flatMap(changed -> first && changed == 0
                    ? Uni.createFrom().voidItem()
                    : rows.raiseVersions(Set.of(planId)));
        }
        if (type.startsWith(ProposalProjection.PREFIX)) {
            return proposals.apply(planId, event);
        }
        if (type.startsWith(SurveyProjection.PREFIX)) {
            return surveys.apply(planId, event);
        }
        if (type.startsWith(MeetingProjection.PREFIX)) {
            return meetings.apply(planId, event);
        }
        if (type.startsWith(CommentProjection.PREFIX)) {
            return comments.apply(planId, event);
        }
        return socialReports.apply(planId, event);
    }
}
