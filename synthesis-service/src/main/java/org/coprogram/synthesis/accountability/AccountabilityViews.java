package org.coprogram.synthesis.accountability;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.coprogram.synthesis.monitoring.Direction;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentAdoption;
import org.coprogram.synthesis.plandocument.DocumentViews.FundingSourceView;
import org.coprogram.synthesis.plandocument.PlanDocument.MeasureResource;
import org.coprogram.synthesis.plandocument.PlanDocument.MeasureScope;
import org.coprogram.synthesis.plandocument.ResourceTotals;

/** What the public accountability endpoints answer (docs/plan-document.md, "Accountability"). */
public final class AccountabilityViews {

    private AccountabilityViews() {
    }

    /**
     * A published measure with its monitoring: {@code version} is the latest published version that holds it,
     * {@code adopted} the resolution when that version is the adopted one ({@code inForce}).
     */
    public record MeasureProgress(UUID measureId, UUID planId, String region, String planTitle, String phase,
            String code, String title, String description, String theme, String themeLabel, String priority,
            MeasureScope scope, String office, List<MeasureResource> resources, BigDecimal total,
            List<FundingSourceView> fundingSources, int version, boolean inForce, DocumentAdoption adopted,
            List<IndicatorProgress> indicators) {
    }

    /**
     * An indicator of a measure: its values per district over time and a summary. {@code progress} is the mean of the
     * districts' latest progress from baseline (0) to target (100), one decimal; {@code towardTarget} says whether it
     * is above 0 (null before the first value); {@code latestPeriod} the most recent period any district reported.
     */
    public record IndicatorProgress(UUID indicatorId, String name, String unit, String theme, Direction direction,
            BigDecimal baseline, BigDecimal target, String latestPeriod, BigDecimal progress, Boolean towardTarget,
            int districtsMeasured, int districtsTowardTarget, List<DistrictSeries> byDistrict) {
    }

    /** One district's values of an indicator, oldest period first, and its latest value and progress. */
    public record DistrictSeries(String districtCode, String districtName, String latestPeriod, BigDecimal latest,
            BigDecimal progress, List<PeriodValue> values) {
    }

    public record PeriodValue(String period, BigDecimal value, BigDecimal progress) {
    }

    /** The region-level view of the plan's adopted (or latest published) version. */
    public record PlanAccountability(UUID planId, String region, String planTitle, String phase, int version,
            OffsetDateTime publishedAt, DocumentAdoption adopted, ResourceTotals totals,
            List<FundingSourceView> fundingSources, AccountabilityCounts counts, List<ThemeAccountability> themes) {
    }

    /**
     * Counts over the version: indicators are the distinct ones its measures name; {@code shareTowardTarget} is the
     * percentage of measured indicators moving toward their target (one decimal, null if none is measured).
     */
    public record AccountabilityCounts(int measures, int measuresWithIndicators, int indicators,
            int indicatorsMeasured, int indicatorsTowardTarget, BigDecimal shareTowardTarget) {
    }

    /** A theme of the plan with its measures, their resources in all and their indicators' progress. */
    public record ThemeAccountability(String theme, String label, BigDecimal total, AccountabilityCounts counts,
            List<MeasureAccountability> measures) {
    }

    public record MeasureAccountability(UUID measureId, String code, String title, String priority,
            BigDecimal total, int indicators, int indicatorsMeasured, int indicatorsTowardTarget,
            List<IndicatorLatest> latest) {
    }

    /** An indicator's latest state, without its series (those are on the measure's page). */
    public record IndicatorLatest(UUID indicatorId, String name, String unit, BigDecimal baseline,
            BigDecimal target, String latestPeriod, BigDecimal progress, Boolean towardTarget) {
    }

    /**
     * What {@code org.coprogram.plan.measure-progressed.v1} carries: a value recorded for an indicator of a measure
     * of the adopted version. No account.
     */
    public record MeasureProgressed(UUID measureId, UUID planId, String region, String code, String title,
            int version, UUID indicatorId, String indicatorName, String districtCode, String period, BigDecimal value,
            BigDecimal progress, BigDecimal indicatorProgress, OffsetDateTime recordedAt) {
    }
}
