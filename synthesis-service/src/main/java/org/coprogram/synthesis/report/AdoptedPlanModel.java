package org.coprogram.synthesis.report;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.coprogram.contracts.Phase;
import org.coprogram.contracts.Regions;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.Theme;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentVersion;
import org.coprogram.synthesis.plandocument.ResourceTotals;
import org.coprogram.synthesis.synthesis.SynthesisView;

import io.quarkus.qute.TemplateData;

/** What the adopted plan's document shows: the plan as the Giunta adopted it and the consultation behind it. */
@TemplateData
@TemplateData(target = Theme.class)
public record AdoptedPlanModel(String title, String regionName, String periodStart, String periodEnd,
        String resolutionNumber, String resolutionDate, String documentUrl, List<Theme> themes, List<String> leps,
        List<Step> timeline, List<ReportModel.Figure> totals, List<ReportModel.Bar> themeBars, String generatedAt,
        Integer documentVersion, List<MeasureLine> measures, List<SourceLine> resources, String resourcesTotal) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ITALIAN);

    /** A measure of the adopted version, its resources in all, in euro written the Italian way. */
    @TemplateData
    public record MeasureLine(String code, String title, String theme, String priority, String amount) {
    }

    /** A funding source's resources over every measure and year. */
    @TemplateData
    public record SourceLine(String source, String amount) {
    }

    /** One phase of the plan's timeline, in Italian. */
    @TemplateData
    public record Step(String phase, String start, String end) {
    }

    /** @param view the plan's synthesis for the whole region, as published (no restricted social report) */
    static AdoptedPlanModel of(Plan plan, SynthesisView view, DocumentVersion document, String generatedAt) {
        Map<String, String> themes = new HashMap<>();
        plan.themes.forEach(t -> themes.put(t.code(), t.label()));
        Map<String, String> sources = new HashMap<>();
        List<MeasureLine> measures = List.of();
        List<SourceLine> resources = List.of();
        String total = null;
        if (document != null) {
            document.fundingSources().forEach(s -> sources.put(s.code(), s.label()));
            measures = document.document().measures().stream().map(m -> new MeasureLine(m.code(), m.title(),
                    themes.getOrDefault(m.theme(), m.theme()), PRIORITY.getOrDefault(m.priority(), m.priority()),
                    euro(ResourceTotals.of(m)))).toList();
            resources = document.totals().bySource().stream()
                    .map(c -> new SourceLine(sources.getOrDefault(c.source(), c.source()), euro(c.amount()))).toList();
            total = euro(document.totals().total());
        }
        return of(plan, view, generatedAt, document == null ? null : document.version(), measures, resources, total);
    }

    private static AdoptedPlanModel of(Plan plan, SynthesisView view, String generatedAt, Integer version,
            List<MeasureLine> measures, List<SourceLine> resources, String total) {
        return new AdoptedPlanModel(plan.title, Regions.displayName(plan.region), day(plan.periodStart),
                day(plan.periodEnd), plan.adoptionResolution, day(plan.adoptionDate), plan.adoptionUrl, plan.themes,
                plan.leps == null ? List.of() : plan.leps,
                plan.timeline == null
                        ? List.of()
                        : plan.timeline.stream()
                                .map(p -> new Step(phase(p.phase()), day(p.plannedStart()), day(p.plannedEnd())))
                                .toList(),
                ReportModel.totals(view), ReportModel.bars(view.byTheme(), SynthesisView.Breakdown::contributions),
                generatedAt, version, measures, resources, total);
    }

    private static final Map<String, String> PRIORITY = Map.of("HIGH", "alta", "MEDIUM", "media", "LOW", "bassa");

    /** {@code 1234567.5} as {@code 1.234.567,50 €}: exact, from the decimal, never through a double. */
    static String euro(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ITALY));
        return format.format(amount) + " €";
    }

    private static String day(LocalDate date) {
        return date == null ? "" : date.format(DAY);
    }

    static String phase(Phase phase) {
        return switch (phase) {
            case DRAFT -> "Bozza";
            case SOCIAL_REPORT -> "Relazioni sociali";
            case CONSULTATION -> "Consultazione";
            case SYNTHESIS -> "Sintesi";
            case ADOPTION -> "Adozione";
            case MONITORING -> "Monitoraggio";
            case CLOSED -> "Chiuso";
        };
    }
}
