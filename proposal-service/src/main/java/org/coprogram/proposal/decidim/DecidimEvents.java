package org.coprogram.proposal.decidim;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.proposal.proposal.Kind;
import org.coprogram.proposal.proposal.Proposal;
import org.coprogram.proposal.proposal.ProposalStatus;

/**
 * The events an import writes to {@code coprogram.proposals}: the normal {@code proposal.submitted.v1} of each
 * imported proposal, with the optional fields that say where it came from and the supports and comments it had, and
 * {@code proposal.comment-imported.v1} per comment, keyed by its proposal so it follows the proposal's own event.
 * People appear only as pseudonyms of their Decidim ids, never by name.
 */
public final class DecidimEvents {

    public static final String COMMENT_IMPORTED = EventTypes.PROPOSAL_COMMENT_IMPORTED;
    public static final String ORIGIN = "DECIDIM";

    private DecidimEvents() {
    }

    /** Data of {@code proposal.submitted.v1} for an imported proposal: the usual fields, then the origin. */
    public record ImportedProposal(UUID proposalId, UUID planId, String region, Kind kind, String title, String body,
            String theme, String municipality, String district, String province, StakeholderCategory category,
            String organization, ProposalStatus status, String author, OffsetDateTime createdAt, String origin,
            String originalUrl, int supports, int comments) {

        static ImportedProposal of(Proposal p, String region, int supports) {
            return new ImportedProposal(p.id, p.planId, region, p.kind, p.title, p.body, p.theme, p.municipality,
                    p.district, p.province, p.category, p.organization, p.status, p.authorPseudonym, p.createdAt,
                    p.origin, p.originalUrl, supports, p.comments);
        }
    }

    /** Data of {@code proposal.comment-imported.v1}. */
    public record CommentImported(UUID commentId, UUID proposalId, UUID planId, UUID parentId, String body,
            String locale, int alignment, int depth, String author, String origin, String originalUrl,
            OffsetDateTime createdAt) {
    }
}
