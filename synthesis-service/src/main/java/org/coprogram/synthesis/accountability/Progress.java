package org.coprogram.synthesis.accountability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.coprogram.synthesis.accountability.AccountabilityViews.AccountabilityCounts;
import org.coprogram.synthesis.accountability.AccountabilityViews.DistrictSeries;
import org.coprogram.synthesis.accountability.AccountabilityViews.IndicatorLatest;
import org.coprogram.synthesis.accountability.AccountabilityViews.IndicatorProgress;
import org.coprogram.synthesis.accountability.AccountabilityViews.PeriodValue;
import org.coprogram.synthesis.monitoring.Indicator;
import org.coprogram.synthesis.monitoring.IndicatorView;
import org.coprogram.synthesis.monitoring.Measurement;

/**
 * An indicator's progress from its recorded values, as the monitoring computes it ({@link IndicatorView}): per
 * district the latest period's value and its progress from baseline (0) to target (100); for the indicator the mean
 * of the districts' progress. Pure.
 */
final class Progress {

    private Progress() {
    }

    static IndicatorProgress of(Indicator indicator, List<Measurement> measurements,
            Function<String, String> districtName) {
        Map<String, TreeMap<String, Measurement>> byDistrict = new TreeMap<>();
        for (Measurement m : measurements) {
            byDistrict.computeIfAbsent(m.districtCode, d -> new TreeMap<>()).put(m.period, m);
        }
        List<DistrictSeries> series = byDistrict.entrySet().stream().map(e -> {
            Measurement last = e.getValue().lastEntry().getValue();
            return new DistrictSeries(e.getKey(), districtName.apply(e.getKey()), last.period, last.value,
                    IndicatorView.progress(indicator, last.value),
                    e.getValue().values().stream().map(m -> new PeriodValue(m.period, m.value,
                            IndicatorView.progress(indicator, m.value))).toList());
        }).toList();
        BigDecimal progress = IndicatorView.of(indicator, measurements).progress();
        String latestPeriod = series.stream().map(DistrictSeries::latestPeriod).max(Comparator.naturalOrder())
                .orElse(null);
        int toward = (int) series.stream().filter(s -> s.progress().signum() > 0).count();
        return new IndicatorProgress(indicator.id, indicator.name, indicator.unit, indicator.theme,
                indicator.direction, indicator.baseline, indicator.target, latestPeriod, progress,
                progress == null ? null : progress.signum() > 0, series.size(), toward, series);
    }

    static IndicatorLatest latest(IndicatorProgress p) {
        return new IndicatorLatest(p.indicatorId(), p.name(), p.unit(), p.baseline(), p.target(), p.latestPeriod(),
                p.progress(), p.towardTarget());
    }

    /** Counts over some measures' distinct indicators. */
    static AccountabilityCounts counts(int measures, int measuresWithIndicators, List<IndicatorProgress> indicators) {
        int measured = (int) indicators.stream().filter(i -> i.towardTarget() != null).count();
        int toward = (int) indicators.stream().filter(i -> Boolean.TRUE.equals(i.towardTarget())).count();
        return new AccountabilityCounts(measures, measuresWithIndicators, indicators.size(), measured, toward,
                share(toward, measured));
    }

    /** {@code part} of {@code whole} in percent, one decimal; null for none. */
    static BigDecimal share(int part, int whole) {
        return whole == 0
                ? null
                : BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 1,
                        RoundingMode.HALF_UP);
    }
}
