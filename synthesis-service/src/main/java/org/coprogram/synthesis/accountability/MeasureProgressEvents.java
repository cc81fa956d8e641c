package org.coprogram.synthesis.accountability;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.MeasureIds;
import org.coprogram.contracts.Topics;
import org.coprogram.synthesis.accountability.AccountabilityViews.MeasureProgressed;
import org.coprogram.synthesis.monitoring.Indicator;
import org.coprogram.synthesis.monitoring.IndicatorRepository;
import org.coprogram.synthesis.monitoring.IndicatorView;
import org.coprogram.synthesis.monitoring.Measurement;
import org.coprogram.synthesis.monitoring.MeasurementFollower;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plandocument.PlanDocument.PlanMeasure;
import org.coprogram.synthesis.plandocument.PlanDocumentService;

import io.smallrye.mutiny.Uni;

/**
 * {@code org.coprogram.plan.measure-progressed.v1}: when a value is recorded for an indicator, one event through the
 * outbox, in the same transaction, per measure of the adopted version that names the indicator. Nothing for a plan
 * not adopted yet, nor for an indicator no adopted measure names.
 */
@ApplicationScoped
public class MeasureProgressEvents implements MeasurementFollower {

    private final PlanDocumentService documents;
    private final IndicatorRepository indicators;
    private final Outbox outbox;
    private final Clock clock;

    public MeasureProgressEvents(PlanDocumentService documents, IndicatorRepository indicators, Outbox outbox,
            Clock clock) {
        this.documents = documents;
        this.indicators = indicators;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Uni<Void> measured(Plan plan, Indicator indicator, Measurement measurement, BigDecimal progress) {
        if (!AccountabilityService.frozen(plan)) {
            return Uni.createFrom().voidItem();
        }
        return documents.latest(plan.id).flatMap(version -> {
            if (version == null) {
                return Uni.createFrom().voidItem();
            }
            List<PlanMeasure> affected = version.document().measures().stream()
                    .filter(m -> m.indicators() != null && m.indicators().contains(indicator.id)).toList();
            if (affected.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            return indicators.measurements(indicator.id).flatMap(all -> {
                BigDecimal overall = IndicatorView.of(indicator, all).progress();
                Uni<Void> done = Uni.createFrom().voidItem();
                for (PlanMeasure measure : affected) {
                    MeasureProgressed event = new MeasureProgressed(MeasureIds.of(plan.id, measure.code()), plan.id,
                            plan.region, measure.code(), measure.title(), version.version(), indicator.id,
                            indicator.name, measurement.districtCode, measurement.period, measurement.value, progress,
                            overall, now);
                    done = done.call(() -> outbox.record(Topics.PLANS, EventTypes.PLAN_MEASURE_PROGRESSED,
                            event.measureId().toString(), plan.id.toString(), event));
                }
                return done;
            });
        });
    }
}
