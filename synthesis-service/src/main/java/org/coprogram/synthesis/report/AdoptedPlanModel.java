package org.coprogram.synthesis.report;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.coprogram.contracts.Phase;
import org.coprogram.contracts.Regions;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.Theme;
import org.coprogram.synthesis.synthesis.SynthesisView;

import io.quarkus.qute.TemplateData;

/** What the adopted plan's document shows: the plan as the Giunta adopted it and the consultation behind it. */
@TemplateData
@TemplateData(target = Theme.class)
public record AdoptedPlanModel(String title, String regionName, String periodStart, String periodEnd,
        String resolutionNumber, String resolutionDate, String documentUrl, List<Theme> themes, List<String> leps,
        List<Step> timeline, List<ReportModel.Figure> totals, List<ReportModel.Bar> themeBars, String generatedAt) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ITALIAN);

    /** One phase of the plan's timeline, in Italian. */
    @TemplateData
    public record Step(String phase, String start, String end) {
    }

    /** @param view the plan's synthesis for the whole region, as published (no restricted social report) */
    static AdoptedPlanModel of(Plan plan, SynthesisView view, String generatedAt) {
        return new AdoptedPlanModel(plan.title, Regions.displayName(plan.region), day(plan.periodStart),
                day(plan.periodEnd), plan.adoptionResolution, day(plan.adoptionDate), plan.adoptionUrl, plan.themes,
                plan.leps == null ? List.of() : plan.leps,
                plan.timeline == null
                        ? List.of()
                        : plan.timeline.stream()
                                .map(p -> new Step(phase(p.phase()), day(p.plannedStart()), day(p.plannedEnd())))
                                .toList(),
                ReportModel.totals(view), ReportModel.bars(view.byTheme(), SynthesisView.Breakdown::contributions),
                generatedAt);
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
