package org.coprogram.proposal.answer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.proposal.personal.AuthorNotices;
import org.coprogram.proposal.proposal.Proposal;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.proposal.proposal.ProposalRepository;
import org.coprogram.proposal.proposal.ProposalStatus;
import org.coprogram.proposal.proposal.Viewer;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The region's public answer. An answer may be corrected by a later one; withdrawn and merged proposals take no
 * answer, and a proposal is merged only into another open proposal of the same plan.
 */
@ApplicationScoped
public class AnswerService {

    static final Set<ProposalStatus> ANSWERS = EnumSet.of(ProposalStatus.ACCEPTED,
            ProposalStatus.PARTIALLY_ACCEPTED, ProposalStatus.NOT_ACCEPTED, ProposalStatus.MERGED);

    private final ProposalRepository proposals;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final PlanViews plans;
    private final AuthorNotices notices;

    public AnswerService(ProposalRepository proposals, Outbox outbox, AuditTrail audit, PlanViews plans,
            AuthorNotices notices) {
        this.notices = notices;
        this.plans = plans;
        this.proposals = proposals;
        this.outbox = outbox;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Proposal> answer(UUID id, AnswerRequest request, Caller caller) {
        requireConsistent(id, request);
        String accountId = caller.accountId();
        return proposals.lock(id, Viewer.of(caller)).flatMap(proposal -> {
            return plans.find(proposal.planId).flatMap(plan -> {
                caller.require(caller.isRegionStaffOf(plan.region),
                        "Solo il personale della Regione del piano può rispondere");
                if (proposal.isClosed()) {
                    throw ProblemException.conflict(proposal.status == ProposalStatus.WITHDRAWN
                            ? "La proposta è stata ritirata dal suo autore: non si può rispondere"
                            : "La proposta è già stata accorpata a un'altra");
                }
                return target(request.mergedInto(), proposal).map(ignored -> apply(proposal, request));
            });
        }).call(proposal -> outbox.record(ProposalEvents.TOPIC, ProposalEvents.ANSWERED, id.toString(),
                proposal.planId.toString(), new ProposalEvents.Answered(id, proposal.planId, proposal.status,
                        proposal.answerText, proposal.mergedInto, proposal.answeredAt))
                .flatMap(event -> notices.answered(proposal, event)))
                .call(proposal -> audit.record(accountId, "proposal.answer", "proposal", id.toString(),
                        proposal.status + (proposal.mergedInto == null ? "" : " → " + proposal.mergedInto)));
    }

    private static void requireConsistent(UUID id, AnswerRequest request) {
        if (!ANSWERS.contains(request.status())) {
            throw ProblemException.invalidField("status",
                    "esito non ammesso: ACCEPTED, PARTIALLY_ACCEPTED, NOT_ACCEPTED o MERGED");
        }
        boolean merging = request.status() == ProposalStatus.MERGED;
        if (merging && request.mergedInto() == null) {
            throw ProblemException.invalidField("mergedInto", "indica la proposta in cui accorpare questa");
        }
        if (!merging && request.mergedInto() != null) {
            throw ProblemException.invalidField("mergedInto", "si indica solo con l'esito MERGED");
        }
        if (id.equals(request.mergedInto())) {
            throw ProblemException.invalidField("mergedInto", "una proposta non può essere accorpata a se stessa");
        }
    }

    private Uni<Proposal> target(UUID targetId, Proposal proposal) {
        if (targetId == null) {
            return Uni.createFrom().nullItem();
        }
        return proposals.findById(targetId).map(target -> {
            if (target == null || !target.planId.equals(proposal.planId)) {
                throw ProblemException.invalidField("mergedInto", "la proposta indicata non esiste in questo piano");
            }
            if (target.isClosed()) {
                throw ProblemException.invalidField("mergedInto",
                        "la proposta indicata è ritirata o a sua volta accorpata: scegli una proposta aperta");
            }
            return target;
        });
    }

    private static Proposal apply(Proposal proposal, AnswerRequest request) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        proposal.status = request.status();
        proposal.answerText = request.text().strip();
        proposal.mergedInto = request.mergedInto();
        proposal.answeredAt = now;
        proposal.updatedAt = now;
        return proposal;
    }
}
