package org.coprogram.proposal.moderation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.proposal.personal.AuthorNotices;
import org.coprogram.proposal.proposal.Proposal;
import org.coprogram.proposal.proposal.ProposalConfig;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.proposal.proposal.ProposalRepository;
import org.coprogram.proposal.proposal.ProposalView;
import org.coprogram.proposal.proposal.Viewer;
import org.coprogram.proposal.proposal.Visibility;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Flags from the public and moderators' decisions. A proposal with {@code flagsToHide} flags since its last review is
 * hidden until a moderator restores or hides it; each decision closes the open flags.
 */
@ApplicationScoped
public class ModerationService {

    static final String AUTOMATIC = "proposal-service";

    private final ProposalRepository proposals;
    private final FlagRepository flags;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ProposalConfig config;
    private final PlanViews plans;
    private final AuthorNotices notices;

    public ModerationService(ProposalRepository proposals, FlagRepository flags, Outbox outbox, AuditTrail audit,
            ProposalConfig config,
            PlanViews plans, AuthorNotices notices) {
        this.notices = notices;
        this.plans = plans;
        this.proposals = proposals;
        this.flags = flags;
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
    }

    /** {@code flagger} is the person's pseudonym; {@code accountId} goes to the audit trail only. */
    @WithTransaction
    public Uni<Void> flag(UUID id, NewFlag flag, String flagger, String accountId, Viewer viewer) {
        if (flag.reason() == FlagReason.OTHER && (flag.details() == null || flag.details().isBlank())) {
            throw ProblemException.invalidField("details", "descrivi il problema quando il motivo è OTHER");
        }
        String details = flag.details() == null ? null : flag.details().strip();
        return proposals.lock(id, viewer).flatMap(proposal -> flags.add(id, flagger, flag.reason(), details)
                .flatMap(inserted -> {
                    if (!inserted) {
                        throw ProblemException.conflict("Hai già segnalato questa proposta");
                    }
                    return proposals.countFlag(id);
                })
                .flatMap(counted -> afterFlag(proposal, flag, accountId)));
    }

    private Uni<Void> afterFlag(Proposal proposal, NewFlag flag, String accountId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int openFlags = proposal.openFlags + 1;
        Uni<?> recorded = outbox.record(ProposalEvents.TOPIC, ProposalEvents.FLAGGED, proposal.id.toString(),
                proposal.planId.toString(),
                new ProposalEvents.Flagged(proposal.id, proposal.planId, flag.reason().name(), openFlags, now))
                .call(() -> audit.record(accountId, "proposal.flag", "proposal", proposal.id.toString(),
                        flag.reason().name()));
        if (proposal.visibility != Visibility.VISIBLE || openFlags < config.flagsToHide()) {
            return recorded.replaceWithVoid();
        }
        proposal.visibility = Visibility.PENDING_REVIEW;
        return recorded.call(() -> visibilityChanged(proposal, "FLAGS", now))
                .call(() -> audit.record(AUTOMATIC, "proposal.hide", "proposal", proposal.id.toString(),
                        openFlags + " segnalazioni: nascosta in attesa di revisione"))
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Proposal> decide(UUID id, ModerationDecision decision, Caller caller) {
        String accountId = caller.accountId();
        return proposals.lock(id, Viewer.of(caller)).flatMap(proposal -> plans.find(proposal.planId)
                .map(plan -> {
                    caller.require(plan != null && caller.isModeratorOf(plan.region),
                            "Solo i moderatori della Regione del piano moderano le sue proposte");
                    return proposal;
                })).flatMap(proposal -> {
                    Visibility next = decision.action() == ModerationDecision.Action.HIDE
                            ? Visibility.HIDDEN
                            : Visibility.VISIBLE;
                    if (proposal.visibility == next && (next == Visibility.HIDDEN || proposal.openFlags == 0)) {
                        throw ProblemException.conflict(next == Visibility.HIDDEN
                                ? "La proposta è già nascosta"
                                : "La proposta è visibile e non ha segnalazioni da esaminare");
                    }
                    boolean changes = proposal.visibility != next;
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    proposal.visibility = next;
                    proposal.reviewedAt = now;
                    return proposals.closeFlags(id)
                            .call(() -> changes
                                    ? visibilityChanged(proposal, "MODERATOR", now)
                                    : Uni.createFrom().voidItem())
                            .call(() -> audit.record(accountId, "proposal." + decision.action().name().toLowerCase(),
                                    "proposal", id.toString(), decision.note().strip()))
                            .map(ignored -> {
                                proposal.openFlags = 0;
                                return proposal;
                            });
                });
    }

    /** Proposals with flags nobody has reviewed yet: most recently flagged first. */
    @WithSession
    public Uni<Page<QueueItem>> queue(UUID planId, PageRequest page, Caller caller) {
        return plans.require(planId).flatMap(plan -> {
            caller.require(caller.isModeratorOf(plan.region),
                    "Solo i moderatori della Regione del piano leggono la sua coda di moderazione");
            return proposals.moderationQueue(planId, page).flatMap(found -> reasons(found.items())
                    .map(queue -> new Page<>(queue, found.page(), found.size(), found.total())));
        });
    }

    private Uni<List<QueueItem>> reasons(List<Proposal> items) {
        return flags.reasons(items.stream().map(p -> p.id).toList())
                .map(rows -> items.stream().map(p -> new QueueItem(ProposalView.of(p), p.flags, p.openFlags,
                        p.lastFlaggedAt, p.reviewedAt,
                        rows.stream().filter(row -> p.id.equals(row.proposalId()))
                                .map(row -> new ReasonCount(row.reason(), row.count())).toList()))
                        .toList());
    }

    private Uni<?> visibilityChanged(Proposal proposal, String cause, OffsetDateTime now) {
        String type = proposal.visibility == Visibility.VISIBLE ? ProposalEvents.RESTORED : ProposalEvents.HIDDEN;
        return outbox.record(ProposalEvents.TOPIC, type, proposal.id.toString(), proposal.planId.toString(),
                new ProposalEvents.VisibilityChanged(proposal.id, proposal.planId, proposal.visibility, cause, now))
                .flatMap(event -> notices.visibilityChanged(proposal, event, proposal.visibility != Visibility.VISIBLE,
                        cause));
    }

    public record QueueItem(ProposalView proposal, int flags, int openFlags, OffsetDateTime lastFlaggedAt,
            OffsetDateTime reviewedAt, List<ReasonCount> reasons) {
    }

    public record ReasonCount(String reason, long count) {
    }
}
