package org.coprogram.proposal.personal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.personal.PersonalEvents;
import org.coprogram.common.personal.PersonalEvents.Follow;
import org.coprogram.common.personal.PersonalEvents.Kind;
import org.coprogram.common.personal.PersonalEvents.NotificationRequested;
import org.coprogram.common.personal.PersonalEvents.Reason;
import org.coprogram.common.personal.PersonalEvents.Subject;
import org.coprogram.common.personal.PersonalEvents.TargetType;
import org.coprogram.common.personal.PersonalOutbox;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.proposal.proposal.Proposal;
import org.coprogram.proposal.proposal.ProposalStatus;

import io.smallrye.mutiny.Uni;

/**
 * What proposal-service tells notification-service about a proposal's author, on the restricted personal topic, in the
 * transaction of the change (docs/dialogue-participation.md): the author follows their proposal from its submission,
 * and is told of its answer or merge and of its hiding or restoring by moderation. A proposal imported from another
 * platform has no account here and is told nothing.
 */
@ApplicationScoped
public class AuthorNotices {

    private final PersonalOutbox personal;
    private final PlanViews plans;

    public AuthorNotices(PersonalOutbox personal, PlanViews plans) {
        this.personal = personal;
        this.plans = plans;
    }

    /** The author follows the proposal they submitted. */
    public Uni<Void> submitted(Proposal proposal) {
        if (!hasAccount(proposal)) {
            return Uni.createFrom().voidItem();
        }
        return personal.followStarted(new Follow(proposal.authorId, TargetType.PROPOSAL, proposal.id.toString(),
                Reason.AUTHOR), proposal.planId.toString()).replaceWithVoid();
    }

    /**
     * The same follow as an unsaved outbox row, for a submission written by one statement; the author of a proposal
     * submitted here always has an account.
     */
    public OutboxEvent submittedEvent(Proposal proposal) {
        return personal.followStartedEvent(new Follow(proposal.authorId, TargetType.PROPOSAL, proposal.id.toString(),
                Reason.AUTHOR), proposal.planId.toString());
    }

    /** The region answered the proposal ({@code source} is the public {@code proposal.answered} event). */
    public Uni<Void> answered(Proposal proposal, OutboxEvent source) {
        Kind kind = proposal.status == ProposalStatus.MERGED ? Kind.PROPOSAL_MERGED : Kind.PROPOSAL_ANSWERED;
        Map<String, String> data = new LinkedHashMap<>();
        data.put("status", proposal.status.name());
        if (proposal.answerText != null) {
            data.put("text", proposal.answerText);
        }
        if (proposal.mergedInto != null) {
            data.put("mergedInto", proposal.mergedInto.toString());
            data.put("mergedIntoUrl", "/proposte/" + proposal.mergedInto);
        }
        return tell(proposal, source, kind, data);
    }

    /** Moderation hid or restored the proposal ({@code cause}: FLAGS or MODERATOR). */
    public Uni<Void> visibilityChanged(Proposal proposal, OutboxEvent source, boolean hidden, String cause) {
        return tell(proposal, source, hidden ? Kind.PROPOSAL_HIDDEN : Kind.PROPOSAL_RESTORED,
                Map.of("visibility", proposal.visibility.name(), "cause", cause));
    }

    private Uni<Void> tell(Proposal proposal, OutboxEvent source, Kind kind, Map<String, String> data) {
        if (!hasAccount(proposal)) {
            return Uni.createFrom().voidItem();
        }
        return plans.find(proposal.planId).flatMap(plan -> personal.notify(new NotificationRequested(
                PersonalEvents.key(source.id, kind), proposal.authorId, kind,
                Subject.proposal(proposal.id.toString(), proposal.title), proposal.planId.toString(),
                plan == null ? null : plan.region, data, List.of(),
                source.occurredAt == null ? OffsetDateTime.now(ZoneOffset.UTC) : source.occurredAt)))
                .replaceWithVoid();
    }

    private static boolean hasAccount(Proposal proposal) {
        return proposal.origin == null && proposal.authorId != null;
    }
}
