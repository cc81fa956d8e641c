package org.coprogram.synthesis.monitoring;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Monitoring indicators and their measured values. */
@ApplicationScoped
public class IndicatorRepository {

    public Uni<Indicator> find(UUID indicatorId) {
        return Indicator.findById(indicatorId);
    }

    public Uni<List<Indicator>> ofPlan(UUID planId) {
        return Indicator.list("planId = ?1 order by createdAt, id", planId);
    }

    public Uni<List<Measurement>> measurements(UUID indicatorId) {
        return Measurement.list("indicatorId", indicatorId);
    }

    /** The values of all these indicators, in any order. */
    public Uni<List<Measurement>> measurements(java.util.Collection<UUID> indicatorIds) {
        return indicatorIds.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Measurement.list("indicatorId in ?1", List.copyOf(indicatorIds));
    }

    /** The value of one district in one period, or null. */
    public Uni<Measurement> measurement(UUID indicatorId, String districtCode, String period) {
        return Measurement.<Measurement>find("indicatorId = ?1 and districtCode = ?2 and period = ?3", indicatorId,
                districtCode, period).firstResult();
    }
}
