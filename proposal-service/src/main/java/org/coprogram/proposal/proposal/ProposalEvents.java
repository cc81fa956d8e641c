package org.coprogram.proposal.proposal;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.contracts.Topics;

/**
 * Events of the proposal aggregate on {@code coprogram.proposals}, keyed by proposal id. People appear only as
 * pseudonyms, never as accounts.
 */
public final class ProposalEvents {

    public static final String TOPIC = Topics.PROPOSALS;
    public static final String SUBMITTED = EventTypes.PROPOSAL_SUBMITTED;
    public static final String EDITED = EventTypes.PROPOSAL_EDITED;
    public static final String WITHDRAWN = EventTypes.PROPOSAL_WITHDRAWN;
    public static final String SUPPORTED = EventTypes.PROPOSAL_SUPPORTED;
    public static final String SUPPORT_WITHDRAWN = EventTypes.PROPOSAL_SUPPORT_WITHDRAWN;
    public static final String ANSWERED = EventTypes.PROPOSAL_ANSWERED;
    public static final String FLAGGED = EventTypes.PROPOSAL_FLAGGED;
    public static final String HIDDEN = EventTypes.PROPOSAL_HIDDEN;
    public static final String RESTORED = EventTypes.PROPOSAL_RESTORED;

    private ProposalEvents() {
    }

    /** Data of {@code proposal.submitted.v1} and {@code proposal.edited.v1}; {@code author} is a pseudonym. */
    public record Submitted(UUID proposalId, UUID planId, String region, Kind kind, String title, String body,
            String theme, String municipality, String district, String province, StakeholderCategory category,
            String organization, ProposalStatus status, String author, OffsetDateTime createdAt) {

        public static Submitted of(Proposal p, String region) {
            return new Submitted(p.id, p.planId, region, p.kind, p.title, p.body, p.theme, p.municipality,
                    p.district, p.province, p.category, p.organization, p.status, p.authorPseudonym, p.createdAt);
        }
    }

    /** Data of {@code proposal.withdrawn.v1}. */
    public record Withdrawn(UUID proposalId, UUID planId, OffsetDateTime withdrawnAt) {
    }

    /** Data of {@code proposal.supported.v1} and {@code proposal.support-withdrawn.v1}. */
    public record SupportChanged(UUID proposalId, UUID planId, String supporter, int supports,
            OffsetDateTime occurredAt) {
    }

    /** Data of {@code proposal.answered.v1}. */
    public record Answered(UUID proposalId, UUID planId, ProposalStatus status, String text, UUID mergedInto,
            OffsetDateTime answeredAt) {
    }

    /** Data of {@code proposal.flagged.v1}; the flagger is not named. */
    public record Flagged(UUID proposalId, UUID planId, String reason, int openFlags, OffsetDateTime flaggedAt) {
    }

    /** Data of {@code proposal.hidden.v1} and {@code proposal.restored.v1}; {@code cause} is FLAGS or MODERATOR. */
    public record VisibilityChanged(UUID proposalId, UUID planId, Visibility visibility, String cause,
            OffsetDateTime changedAt) {
    }
}
