package org.coprogram.synthesis.monitoring;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Phase;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.plan.Theme;
import org.coprogram.synthesis.territory.TerritoryVersions;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IndicatorService {

    /** A year, optionally a semester, a quarter or a month: 2026, 2026-S1, 2026-Q3, 2026-09. */
    private static final Pattern PERIOD = Pattern.compile("20\\d{2}(-(S[12]|Q[1-4]|0[1-9]|1[0-2]))?");

    private final TerritoryVersions territories;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final PlanRepository plans;
    private final IndicatorRepository indicators;
    private final Instance<MeasurementFollower> followers;

    public IndicatorService(TerritoryVersions territories, Outbox outbox, AuditTrail audit, PlanRepository plans,
            IndicatorRepository indicators, Instance<MeasurementFollower> followers) {
        this.followers = followers;
        this.plans = plans;
        this.indicators = indicators;
        this.territories = territories;
        this.outbox = outbox;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<IndicatorView> define(UUID planId, NewIndicator request, PlanAccess access) {
        return plans.require(planId).flatMap(plan -> {
            access.requireRegionStaff(plan);
            if (plan.phase == Phase.CLOSED) {
                throw ProblemException.conflict("Il piano è chiuso");
            }
            if (request.theme() != null && plan.themes.stream().map(Theme::code).noneMatch(request.theme()::equals)) {
                throw ProblemException.invalidField("theme", "area di intervento non prevista dal piano: "
                        + request.theme());
            }
            int sign = request.target().compareTo(request.baseline());
            if (sign == 0 || (request.direction() == Direction.INCREASE) != (sign > 0)) {
                throw ProblemException.invalidField("target", "l'obiettivo deve essere "
                        + (request.direction() == Direction.INCREASE ? "maggiore" : "minore")
                        + " del valore di partenza");
            }
            Indicator indicator = new Indicator();
            indicator.id = UUID.randomUUID();
            indicator.planId = planId;
            indicator.name = request.name().strip();
            indicator.theme = request.theme();
            indicator.unit = request.unit().strip();
            indicator.baseline = request.baseline();
            indicator.target = request.target();
            indicator.direction = request.direction();
            indicator.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            indicator.createdBy = access.actor();
            return indicator.<Indicator>persist()
                    .call(saved -> outbox.record(IndicatorEvents.TOPIC, IndicatorEvents.DEFINED, saved.id.toString(),
                            planId.toString(), new IndicatorEvents.Defined(saved.id, planId, saved.name, saved.theme,
                                    saved.unit, saved.baseline, saved.target, saved.direction)))
                    .call(saved -> audit.record(access.actor(), "indicator.define", "indicator", saved.id.toString(),
                            saved.name))
                    .map(saved -> IndicatorView.of(saved, List.of()));
        });
    }

    /** A district operator for their own district, or region staff for any district; only during MONITORING. */
    @WithTransaction
    public Uni<IndicatorView> measure(UUID planId, UUID indicatorId, String districtCode, String period,
            MeasuredValue body, PlanAccess access) {
        return plans.require(planId).flatMap(plan -> territories.catalog(plan.region, plan.territoryVersion)
                .flatMap(territory -> indicator(plan, indicatorId).flatMap(indicator -> {
                    territory.district(districtCode).filter(d -> d.region().equals(plan.region))
                            .orElseThrow(
                                    () -> ProblemException.notFound("Ambito non presente nella regione del piano"));
                    access.requireRegionStaffOrDistrict(plan, districtCode);
                    if (!PERIOD.matcher(period).matches()) {
                        throw ProblemException.invalidField("period",
                                "periodo non valido: 2026, 2026-S1, 2026-Q3 o 2026-09");
                    }
                    if (plan.phase != Phase.MONITORING) {
                        throw ProblemException
                                .conflict("I valori si registrano nella fase MONITORING; il piano è in " + plan.phase);
                    }
                    return indicators.measurement(indicatorId, districtCode, period).flatMap(existing -> {
                        Measurement measurement = existing != null ? existing : new Measurement();
                        if (existing == null) {
                            measurement.id = UUID.randomUUID();
                            measurement.indicatorId = indicatorId;
                            measurement.districtCode = districtCode;
                            measurement.period = period;
                        }
                        measurement.value = body.value();
                        measurement.enteredAt = OffsetDateTime.now(ZoneOffset.UTC);
                        measurement.enteredBy = access.actor();
                        Uni<Measurement> saved = existing != null
                                ? Uni.createFrom().item(measurement)
                                : measurement.persist();
                        return saved.call(m -> outbox.record(IndicatorEvents.TOPIC, IndicatorEvents.MEASURED,
                                indicatorId.toString(), planId.toString(),
                                new IndicatorEvents.Measured(indicatorId, planId, districtCode, period, m.value,
                                        IndicatorView.progress(indicator, m.value))))
                                .call(m -> audit.record(access.actor(), "indicator.measure", "indicator",
                                        indicatorId.toString(), districtCode + " " + period + " = " + m.value))
                                .call(m -> follow(plan, indicator, m));
                    }).flatMap(m -> view(indicator));
                })));
    }

    private Uni<Void> follow(Plan plan, Indicator indicator, Measurement measurement) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (MeasurementFollower follower : followers) {
            done = done.call(() -> follower.measured(plan, indicator, measurement,
                    IndicatorView.progress(indicator, measurement.value)));
        }
        return done;
    }

    @WithSession
    public Uni<List<IndicatorView>> list(UUID planId) {
        return plans.require(planId).flatMap(plan -> indicators.ofPlan(planId)).flatMap(found -> {
            Uni<List<IndicatorView>> views = Uni.createFrom().item(new ArrayList<>());
            for (Indicator indicator : found) {
                views = views.flatMap(list -> view(indicator).map(view -> {
                    list.add(view);
                    return list;
                }));
            }
            return views;
        });
    }

    @WithSession
    public Uni<IndicatorView> get(UUID planId, UUID indicatorId) {
        return plans.require(planId).flatMap(plan -> indicator(plan, indicatorId)).flatMap(this::view);
    }

    private Uni<IndicatorView> view(Indicator indicator) {
        return indicators.measurements(indicator.id)
                .map(measurements -> IndicatorView.of(indicator, measurements));
    }

    private Uni<Indicator> indicator(Plan plan, UUID indicatorId) {
        return indicators.find(indicatorId).map(indicator -> {
            if (indicator == null || !indicator.planId.equals(plan.id)) {
                throw ProblemException.notFound("Indicatore non trovato");
            }
            return indicator;
        });
    }
}
