package org.coprogram.synthesis.plandocument;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A plan's document (issue #26, docs/plan-document.md): its sections and its measures (interventi, obiettivi di
 * servizio) with their resources. The shape of a draft, of a published version and of the body that replaces a draft.
 */
public record PlanDocument(List<DocumentSection> sections, List<PlanMeasure> measures) {

    public static final PlanDocument EMPTY = new PlanDocument(List.of(), List.of());

    /** One of the document's sections, by key ({@link SectionKey}), with its text. */
    public record DocumentSection(String key, String text) {
    }

    /**
     * A measure: {@code code} is its stable id across versions (comments, links and diffs follow it), chosen by the
     * region (e.g. {@code M1}, {@code POV.3}).
     */
    public record PlanMeasure(String code, String title, String description, String theme, List<String> leps,
            String priority, MeasureScope scope, List<MeasureResource> resources, String office,
            List<UUID> indicators) {
    }

    /** Where a measure applies: the whole region, some of its provinces or some districts of the plan's territory. */
    public record MeasureScope(String level, List<String> codes) {
    }

    /**
     * What a funding source gives a measure in one year, in euro, to the cent: a JSON number read and written as the
     * decimal it is (BigDecimal), never through a double.
     */
    public record MeasureResource(String source, Integer year,
            BigDecimal amount) {
    }
}
