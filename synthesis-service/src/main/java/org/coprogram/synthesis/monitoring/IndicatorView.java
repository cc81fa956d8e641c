package org.coprogram.synthesis.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An indicator with its progress: for each district its latest value and how far it has gone from baseline to
 * target (percent, may exceed 100 or be negative); for the region the mean of the districts' progress.
 */
public record IndicatorView(UUID id, UUID planId, String name, String theme, String unit, BigDecimal baseline,
        BigDecimal target, Direction direction, BigDecimal progress, List<DistrictProgress> byDistrict) {

    public record DistrictProgress(String districtCode, String period, BigDecimal value, BigDecimal progress) {
    }

    public static IndicatorView of(Indicator indicator, List<Measurement> measurements) {
        Map<String, Measurement> latest = measurements.stream().collect(Collectors.toMap(m -> m.districtCode,
                m -> m, (a, b) -> a.period.compareTo(b.period) >= 0 ? a : b));
        List<DistrictProgress> byDistrict = latest.values().stream()
                .sorted(Comparator.comparing(m -> m.districtCode))
                .map(m -> new DistrictProgress(m.districtCode, m.period, m.value, progress(indicator, m.value)))
                .toList();
        BigDecimal regional = byDistrict.isEmpty()
                ? null
                : byDistrict.stream().map(DistrictProgress::progress).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(byDistrict.size()), 1, RoundingMode.HALF_UP);
        return new IndicatorView(indicator.id, indicator.planId, indicator.name, indicator.theme, indicator.unit,
                indicator.baseline, indicator.target, indicator.direction, regional, byDistrict);
    }

    public static BigDecimal progress(Indicator indicator, BigDecimal value) {
        return value.subtract(indicator.baseline).multiply(BigDecimal.valueOf(100))
                .divide(indicator.target.subtract(indicator.baseline), 1, RoundingMode.HALF_UP);
    }
}
