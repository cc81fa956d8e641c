package org.coprogram.synthesis.traceability;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.coprogram.synthesis.plandocument.PlanDocument;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the traceability endpoints read and answer (docs/plan-document.md, "Traceability"). */
public final class TraceViews {

    private TraceViews() {
    }

    /**
     * A contribution as a link names it: {@code kind} one of {@link ContributionKind}, {@code id} the id the synthesis
     * read model holds ({@code <surveyId>:<questionId>} for a survey question, the cluster's id for a cluster).
     * {@code level} and {@code code} only for a cluster: the synthesis scope whose clusters it is one of (default the
     * region).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContributionRef(String kind, String id, String level, String code) {

        public static ContributionRef of(String kind, String id) {
            return new ContributionRef(kind, id, null, null);
        }
    }

    /** {@code POST /api/measures/{measureId}/links}. */
    public record MeasureLinkRequest(ContributionRef contribution, String outcome, String reason) {
    }

    /** {@code POST /api/measures/{measureId}/links/bulk}: up to {@code MAX_BULK} contributions, one outcome and reason. */
    public record MeasureLinkBulkRequest(List<ContributionRef> contributions, String outcome, String reason) {
    }

    /** {@code PATCH /api/measure-links/{linkId}}: a new outcome, a new reason, or both. */
    public record MeasureLinkChange(String outcome, String reason) {
    }

    /** The synthesis cluster a link was made through. */
    public record LinkCluster(String id, String label) {
    }

    public record MeasureLinkView(UUID id, UUID planId, UUID measureId, String measureCode,
            ContributionRef contribution, String outcome, String reason,
            @JsonInclude(JsonInclude.Include.NON_NULL) LinkCluster viaCluster, OffsetDateTime linkedAt,
            OffsetDateTime updatedAt) {
    }

    /** The links one action made (a cluster, a bulk list) and the contributions it left out, with why. */
    public record MeasureLinkBatch(UUID measureId, List<MeasureLinkView> links, List<SkippedContribution> skipped) {
    }

    public record SkippedContribution(ContributionRef contribution, String reason) {
    }

    /** {@code org.coprogram.plan.contribution-linked.v1}: no account id. */
    public record ContributionLinked(UUID linkId, UUID planId, String region, UUID measureId, String measureCode,
            ContributionRef contribution, String outcome, String reason, LinkCluster viaCluster,
            OffsetDateTime linkedAt, OffsetDateTime updatedAt) {
    }

    /** {@code org.coprogram.plan.contribution-unlinked.v1}: no account id. */
    public record ContributionUnlinked(UUID linkId, UUID planId, String region, UUID measureId, String measureCode,
            ContributionRef contribution, OffsetDateTime unlinkedAt) {
    }

    // "Che fine ha fatto": GET /api/proposals/{id}/fate

    public record ProposalFate(UUID proposalId, UUID planId, String planTitle, List<MeasureFate> measures,
            PlanAdoptionRef adoption) {
    }

    /** The Giunta resolution that adopted the plan. */
    public record PlanAdoptionRef(String resolutionNumber, LocalDate resolutionDate, String documentUrl) {
    }

    /**
     * A measure the proposal fed: its latest published title, the link's outcome and reason, each published version
     * (whether the measure and the link were in it), and {@code adoptedWith} when the plan was adopted with both.
     */
    public record MeasureFate(UUID measureId, String code, String title, String outcome, String reason,
            @JsonInclude(JsonInclude.Include.NON_NULL) LinkCluster viaCluster, OffsetDateTime linkedAt,
            List<FateVersion> versions, @JsonInclude(JsonInclude.Include.NON_NULL) PlanAdoptionRef adoptedWith) {
    }

    public record FateVersion(int version, OffsetDateTime publishedAt, boolean measureIncluded,
            boolean linkIncluded, boolean adopted) {
    }

    // The measure's public page: GET /api/measures/{measureId}

    public record MeasurePage(UUID measureId, UUID planId, String planTitle, String region, String code,
            List<MeasureVersionText> versions, MeasureContributionCounts contributions,
            MeasureLinkedPage linked, @JsonInclude(JsonInclude.Include.NON_NULL) PlanAdoptionRef adoption) {
    }

    /** The measure as one published version has it, with its resources' total. */
    public record MeasureVersionText(int version, OffsetDateTime publishedAt, boolean adopted,
            PlanDocument.PlanMeasure measure, BigDecimal total) {
    }

    /** The public contributions behind the measure, counted: in all, by province, district and category. */
    public record MeasureContributionCounts(long total, List<CountBy> byProvince, List<CountBy> byDistrict,
            List<CountBy> byCategory) {
    }

    /** '' stands for "not known". */
    public record CountBy(String code, long contributions) {
    }

    /**
     * A page of a measure's linked contributions, oldest first. {@code next}: the cursor of the following page (pass
     * it as {@code after}), absent on the last page; {@code page} is 0 for a page asked by cursor.
     */
    public record MeasureLinkedPage(List<LinkedContribution> items, int page, int size, long total,
            @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    /**
     * One public contribution linked to the measure. {@code responses} only for a survey question: how many public
     * responses its survey had.
     */
    public record LinkedContribution(UUID linkId, ContributionRef contribution, String title, String excerpt,
            String theme, String category, String province, String district, String outcome, String reason,
            @JsonInclude(JsonInclude.Include.NON_NULL) LinkCluster viaCluster, OffsetDateTime linkedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long responses) {
    }
}
