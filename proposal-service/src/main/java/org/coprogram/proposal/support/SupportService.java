package org.coprogram.proposal.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.proposal.proposal.Proposal;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.proposal.proposal.ProposalRepository;
import org.coprogram.proposal.proposal.ProposalStatus;
import org.coprogram.proposal.proposal.Viewer;
import org.coprogram.proposal.proposal.Visibility;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Supports under any concurrency: the proposal row is locked first, the support row's primary key refuses a second
 * support by the same person, and the counter moves by one in the same transaction as the row it counts.
 */
@ApplicationScoped
public class SupportService {

    private final ProposalRepository proposals;
    private final SupportRepository supports;
    private final Outbox outbox;
    private final PlanViews plans;

    public SupportService(ProposalRepository proposals, SupportRepository supports, Outbox outbox,
            PlanViews plans) {
        this.plans = plans;
        this.proposals = proposals;
        this.supports = supports;
        this.outbox = outbox;
    }

    /**
     * As {@link #support}, but in one statement when it can be ({@link SupportRepository#addAtOnce}); only a support
     * that changed nothing there (already given, or refused) is asked again the slow way, for the answer that says
     * why. Not inside another transaction: the statement is a transaction of its own.
     */
    public Uni<SupportState> supportAtOnce(UUID proposalId, String supporter, Viewer viewer) {
        return supports.addAtOnce(proposalId, supporter, outbox.eventMadeByStatement(ProposalEvents.TOPIC,
                ProposalEvents.SUPPORTED)).flatMap(
                        count -> count == null
                                ? support(proposalId, supporter, viewer)
                                : Uni.createFrom().item(new SupportState(proposalId, count, true, true)));
    }

    /** {@code supporter} is the person's pseudonym; a repeated support changes nothing. */
    @WithTransaction
    public Uni<SupportState> support(UUID proposalId, String supporter, Viewer viewer) {
        return lockOpen(proposalId, viewer, true).flatMap(proposal -> supports.add(proposalId, supporter)
                .flatMap(inserted -> inserted
                        ? move(proposal, supporter, +1, ProposalEvents.SUPPORTED)
                        : Uni.createFrom().item(new SupportState(proposalId, proposal.supports, true, false))));
    }

    /** Withdrawing a support that does not exist changes nothing. */
    @WithTransaction
    public Uni<SupportState> withdraw(UUID proposalId, String supporter, Viewer viewer) {
        return lockOpen(proposalId, viewer, false).flatMap(proposal -> supports.remove(proposalId, supporter)
                .flatMap(deleted -> deleted
                        ? move(proposal, supporter, -1, ProposalEvents.SUPPORT_WITHDRAWN)
                        : Uni.createFrom().item(new SupportState(proposalId, proposal.supports, false, false))));
    }

    /**
     * Erasure (GDPR art. 17, package {@code erasure}): the person's support goes in any phase and whatever the
     * proposal's visibility, and the count moves and its event is emitted exactly as for a withdrawal, so the public
     * count stays the number of rows. Call inside the caller's transaction.
     */
    public Uni<Boolean> withdrawOnErasure(UUID proposalId, String supporter) {
        return proposals.findById(proposalId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(proposal -> supports.remove(proposalId, supporter).flatMap(deleted -> deleted
                        ? move(proposal, supporter, -1, ProposalEvents.SUPPORT_WITHDRAWN).replaceWith(true)
                        : Uni.createFrom().item(false)));
    }

    /** The row lock is held, so the count read with it plus {@code delta} is the count after this change. */
    private Uni<SupportState> move(Proposal proposal, String supporter, int delta, String eventType) {
        int supports = proposal.supports + delta;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return proposals.addSupports(proposal.id, delta)
                .call(() -> outbox.record(ProposalEvents.TOPIC, eventType, proposal.id.toString(),
                        proposal.planId.toString(),
                        new ProposalEvents.SupportChanged(proposal.id, proposal.planId, supporter, supports, now)))
                .replaceWith(new SupportState(proposal.id, supports, delta > 0, true));
    }

    private Uni<Proposal> lockOpen(UUID proposalId, Viewer viewer, boolean adding) {
        return proposals.lock(proposalId, viewer).flatMap(proposal -> {
            return plans.find(proposal.planId).map(plan -> {
                PlanViews.requireConsultation(plan);
                if (adding && proposal.isClosed()) {
                    throw ProblemException.conflict("La proposta è " + (proposal.status == ProposalStatus.MERGED
                            ? "stata accorpata a un'altra: aderisci a quella"
                            : "stata ritirata"));
                }
                if (adding && proposal.visibility != Visibility.VISIBLE) {
                    throw ProblemException.conflict("La proposta è in revisione da parte dei moderatori");
                }
                return proposal;
            });
        });
    }

    /** {@code changed} is false when the request found the support already as asked. */
    public record SupportState(UUID proposalId, int supports, boolean supported, boolean changed) {
    }
}
