package org.coprogram.proposal.proposal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.coprogram.contracts.StakeholderCategory;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A proposal as the API shows it: no account data. {@code answer} is null until region staff answers;
 * {@code mergedFrom} (the proposals merged into this one) is given on the single-proposal read only;
 * {@code supportedByMe} tells a signed-in reader whether they support it, and is absent for anonymous readers
 * ({@link org.coprogram.proposal.support.SupportMarks}).
 * {@code comments} is the number of public comments here (docs/dialogue.md).
 */
public record ProposalView(UUID id, UUID planId, Kind kind, String title, String body, String theme,
        String municipality, String district, String province, StakeholderCategory category, String organization,
        ProposalStatus status, int supports, int comments, Visibility visibility, Answer answer, UUID mergedInto,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<MergedProposal> mergedFrom, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, OffsetDateTime withdrawnAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) ImportedFrom importedFrom,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean supportedByMe) {

    /** The same view, telling its signed-in reader whether they support the proposal. */
    public ProposalView withSupportedByMe(boolean supported) {
        return new ProposalView(id, planId, kind, title, body, theme, municipality, district, province, category,
                organization, status, supports, comments, visibility, answer, mergedInto, mergedFrom, createdAt,
                updatedAt,
                withdrawnAt, importedFrom, supported);
    }

    /** Where an imported proposal came from (docs/decidim.md): the platform, its address there, its comments there. */
    public record ImportedFrom(String origin, String originalUrl, int comments) {
    }

    /** The region's public answer. */
    public record Answer(ProposalStatus status, String text, OffsetDateTime answeredAt) {
    }

    public record MergedProposal(UUID id, String title) {
    }

    public static ProposalView of(Proposal p) {
        return of(p, null);
    }

    public static ProposalView of(Proposal p, List<MergedProposal> mergedFrom) {
        Answer answer = p.isAnswered() ? new Answer(p.status, p.answerText, p.answeredAt) : null;
        return new ProposalView(p.id, p.planId, p.kind, p.title, p.body, p.theme, p.municipality, p.district,
                p.province, p.category, p.organization, p.status, p.supports, p.commentCount, p.visibility, answer,
                p.mergedInto,
                mergedFrom, p.createdAt, p.updatedAt, p.withdrawnAt,
                p.origin == null ? null : new ImportedFrom(p.origin, p.originalUrl, p.comments), null);
    }
}
