package org.coprogram.synthesis.opendata;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.coprogram.common.csv.CsvWriter;
import org.coprogram.contracts.MeasureIds;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentAdoption;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentVersion;
import org.coprogram.synthesis.plandocument.DocumentViews.FundingSourceView;
import org.coprogram.synthesis.plandocument.PlanDocument.MeasureResource;
import org.coprogram.synthesis.plandocument.PlanDocument.MeasureScope;
import org.coprogram.synthesis.plandocument.PlanDocument.PlanMeasure;
import org.coprogram.synthesis.plandocument.ResourceTotals;

/**
 * The measures and resources of a published version of a plan's document as open data (docs/open-data.md, "The plan's
 * measures and resources"): JSON and CSV with the measures' stable ids ({@code measure_id}, {@code code}), amounts as
 * the exact decimals they are, with a dot and two decimals. Pure.
 */
public final class PlanDocumentOpenData {

    public static final List<String> MEASURES_HEADER = List.of("measure_id", "code", "title", "description", "theme",
            "theme_label", "priority", "scope_level", "scope_codes", "leps", "office", "indicators", "total",
            "plan_id", "version", "adopted_resolution");

    public static final List<String> RESOURCES_HEADER = List.of("measure_id", "code", "source", "source_label",
            "year", "amount", "plan_id", "version");

    /** Multi-valued cells (scope codes, LEPS, indicator ids) join their values with this. */
    static final String SEPARATOR = ";";

    /** The JSON file: the version's identity and totals, then one object per measure. */
    public record OpenDataMeasures(UUID planId, String region, String planTitle, int version,
            OffsetDateTime publishedAt, DocumentAdoption adopted, String license,
            List<FundingSourceView> fundingSources, ResourceTotals totals, List<OpenDataMeasure> measures) {
    }

    public record OpenDataMeasure(UUID measureId, String code, String title, String description, String theme,
            String themeLabel, List<String> leps, String priority, MeasureScope scope, String office,
            List<UUID> indicators, BigDecimal total, List<MeasureResource> resources) {
    }

    private PlanDocumentOpenData() {
    }

    public static OpenDataMeasures json(DocumentVersion version, Function<String, String> themeLabel,
            String license) {
        return new OpenDataMeasures(version.planId(), version.region(), version.planTitle(), version.version(),
                version.publishedAt(), version.adopted(), license, version.fundingSources(), version.totals(),
                version.document().measures().stream().map(m -> new OpenDataMeasure(
                        MeasureIds.of(version.planId(), m.code()), m.code(), m.title(), m.description(), m.theme(),
                        themeLabel.apply(m.theme()), list(m.leps()), m.priority(), m.scope(), m.office(),
                        m.indicators() == null ? List.of() : m.indicators(), ResourceTotals.of(m), m.resources()))
                        .toList());
    }

    public static String measuresCsv(DocumentVersion version, Function<String, String> themeLabel) {
        StringBuilder out = new StringBuilder();
        CsvWriter csv = CsvWriter.to(out).row(MEASURES_HEADER);
        String resolution = version.adopted() == null ? null : version.adopted().resolutionNumber();
        for (PlanMeasure m : version.document().measures()) {
            csv.row(MeasureIds.of(version.planId(), m.code()).toString(), m.code(), m.title(), m.description(),
                    m.theme(), themeLabel.apply(m.theme()), m.priority(), m.scope() == null ? null : m.scope().level(),
                    m.scope() == null ? null : join(m.scope().codes()), join(m.leps()), m.office(),
                    join(m.indicators() == null ? null : m.indicators().stream().map(UUID::toString).toList()),
                    ResourceTotals.of(m), version.planId().toString(), version.version(), resolution);
        }
        return out.toString();
    }

    public static String resourcesCsv(DocumentVersion version) {
        Map<String, String> labels = new java.util.HashMap<>();
        version.fundingSources().forEach(s -> labels.put(s.code(), s.label()));
        StringBuilder out = new StringBuilder();
        CsvWriter csv = CsvWriter.to(out).row(RESOURCES_HEADER);
        for (PlanMeasure m : version.document().measures()) {
            String id = MeasureIds.of(version.planId(), m.code()).toString();
            for (MeasureResource r : m.resources()) {
                csv.row(id, m.code(), r.source(), labels.getOrDefault(r.source(), r.source()), r.year(),
                        r.amount().setScale(2), version.planId().toString(), version.version());
            }
        }
        return out.toString();
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(SEPARATOR, values);
    }
}
