package org.coprogram.synthesis.monitoring;

import java.math.BigDecimal;
import java.util.UUID;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;

public final class IndicatorEvents {

    public static final String TOPIC = Topics.SYNTHESIS;
    public static final String DEFINED = EventTypes.INDICATOR_DEFINED;
    public static final String MEASURED = EventTypes.INDICATOR_MEASURED;

    private IndicatorEvents() {
    }

    public record Defined(UUID indicatorId, UUID planId, String name, String theme, String unit, BigDecimal baseline,
            BigDecimal target, Direction direction) {
    }

    public record Measured(UUID indicatorId, UUID planId, String districtCode, String period, BigDecimal value,
            BigDecimal progress) {
    }
}
