package org.coprogram.synthesis.plandocument;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the plan-document endpoints answer. */
public final class DocumentViews {

    private DocumentViews() {
    }

    /**
     * The draft region staff edit: {@code revision} is what the next write must name (0 before the first);
     * {@code measureIds} gives each measure's public id by code, so a measure only in the draft can be linked to.
     */
    public record DocumentDraft(UUID planId, int revision, OffsetDateTime updatedAt, PlanDocument document,
            ResourceTotals totals, List<FundingSourceView> fundingSources, java.util.Map<String, UUID> measureIds) {
    }

    /** A funding source as configured: the code measures use and its label. */
    public record FundingSourceView(String code, String label) {
    }

    /** A published version in the list; {@code adopted} is the version the Giunta resolution adopted. */
    public record DocumentVersionSummary(int version, OffsetDateTime publishedAt, String note, int measures,
            BigDecimal total, DocumentAdoption adopted) {
    }

    /** The resolution that adopted the plan with this version; null for the others. */
    public record DocumentAdoption(String resolutionNumber, LocalDate resolutionDate, String documentUrl) {
    }

    /**
     * A published version, frozen, with its totals; {@code measureIds} gives each measure's public id by code
     * ({@code MeasureIds.of(planId, code)}, the id of {@code /api/measures/{measureId}}).
     */
    public record DocumentVersion(UUID planId, String region, String planTitle, int version, OffsetDateTime publishedAt,
            String note, DocumentAdoption adopted, PlanDocument document, ResourceTotals totals,
            List<FundingSourceView> fundingSources,
            List<DocumentSectionTitle> sectionTitles, java.util.Map<String, UUID> measureIds) {
    }

    public record DocumentSectionTitle(String key, String title) {
    }

    /** The body that replaces the draft: the revision it was written on, and the whole document. */
    public record DocumentDraftWrite(Integer revision, PlanDocument document) {
    }

    /** The body that publishes the draft as the next version. */
    public record DocumentPublication(String note) {
    }

    /** What {@code org.coprogram.plan.document-published.v1} carries: no account, no draft. */
    public record DocumentPublished(UUID planId, String region, int version, String note, OffsetDateTime publishedAt,
            List<PublishedMeasure> measures, BigDecimal total) {
    }

    public record PublishedMeasure(String code, String title, String theme, String priority,
            BigDecimal total) {
    }

    /** Data of {@code plan.measure-published.v1}: one measure of a published version, with its text. */
    public record MeasurePublished(UUID planId, String region, int version, UUID measureId, String code, String title,
            String description, String theme) {
    }
}
