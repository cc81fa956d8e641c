package org.coprogram.synthesis.monitoring;

import java.math.BigDecimal;
import java.util.UUID;

public final class IndicatorEvents {

    public static final String TOPIC = "coprogram.synthesis";
    public static final String DEFINED = "org.coprogram.indicator.defined.v1";
    public static final String MEASURED = "org.coprogram.indicator.measured.v1";

    private IndicatorEvents() {
    }

    public record Defined(UUID indicatorId, UUID planId, String name, String theme, String unit, BigDecimal baseline,
            BigDecimal target, Direction direction) {
    }

    public record Measured(UUID indicatorId, UUID planId, String districtCode, String period, BigDecimal value,
            BigDecimal progress) {
    }
}
