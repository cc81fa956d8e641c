package org.coprogram.synthesis.monitoring;

import java.math.BigDecimal;

import org.coprogram.synthesis.plan.Plan;

import io.smallrye.mutiny.Uni;

/**
 * What else happens, in the same transaction, when a value is recorded: the plan's measures that the indicator
 * measures announce their progress (package {@code accountability}). Monitoring does not know who follows it.
 */
public interface MeasurementFollower {

    Uni<Void> measured(Plan plan, Indicator indicator, Measurement measurement, BigDecimal progress);
}
