package org.coprogram.synthesis.accountability;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.territory.District;
import org.coprogram.contracts.MeasureIds;
import org.coprogram.contracts.Phase;
import org.coprogram.synthesis.accountability.AccountabilityViews.IndicatorProgress;
import org.coprogram.synthesis.accountability.AccountabilityViews.MeasureAccountability;
import org.coprogram.synthesis.accountability.AccountabilityViews.MeasureProgress;
import org.coprogram.synthesis.accountability.AccountabilityViews.PlanAccountability;
import org.coprogram.synthesis.accountability.AccountabilityViews.ThemeAccountability;
import org.coprogram.synthesis.monitoring.Indicator;
import org.coprogram.synthesis.monitoring.IndicatorRepository;
import org.coprogram.synthesis.monitoring.Measurement;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.plan.Theme;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentVersion;
import org.coprogram.synthesis.plandocument.PlanDocument.PlanMeasure;
import org.coprogram.synthesis.plandocument.PlanDocumentService;
import org.coprogram.synthesis.plandocument.PlanMeasureRepository;
import org.coprogram.synthesis.plandocument.ResourceTotals;
import org.coprogram.synthesis.territory.TerritoryVersions;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Public accountability of a plan (docs/plan-document.md, "Accountability"): each published measure with its
 * indicators' values per district over time, and the region-level view of the adopted (or latest published) version.
 * Only published versions are read: a measure only ever in a draft is unknown here, for everybody.
 */
@ApplicationScoped
public class AccountabilityService {

    private final PlanRepository plans;
    private final PlanMeasureRepository measures;
    private final PlanDocumentService documents;
    private final IndicatorRepository indicators;
    private final TerritoryVersions territories;

    public AccountabilityService(PlanRepository plans, PlanMeasureRepository measures, PlanDocumentService documents,
            IndicatorRepository indicators, TerritoryVersions territories) {
        this.plans = plans;
        this.measures = measures;
        this.documents = documents;
        this.indicators = indicators;
        this.territories = territories;
    }

    /** Whether the plan's latest version is the one in force: adopted by the Giunta, or the plan is past adoption. */
    static boolean frozen(Plan plan) {
        return plan.adoptionResolution != null || plan.phase == Phase.MONITORING || plan.phase == Phase.CLOSED;
    }

    @WithSession
    public Uni<MeasureProgress> progress(UUID measureId) {
        return measures.find(measureId).flatMap(row -> {
            if (row == null) {
                throw ProblemException.notFound("Intervento non trovato");
            }
            return plans.require(row.planId()).flatMap(plan -> documents.latest(plan.id).flatMap(latest -> (latest
                    .version() == row.latestVersion()
                            ? Uni.createFrom().item(latest)
                            : documents.version(plan.id, row.latestVersion()))
                    .flatMap(version -> {
                        PlanMeasure measure = version.document().measures().stream()
                                .filter(m -> m.code().equals(row.code())).findFirst()
                                .orElseThrow(() -> ProblemException.notFound("Intervento non trovato"));
                        boolean inForce = frozen(plan) && version.version() == latest.version();
                        return series(plan, measure.indicators() == null ? List.of() : measure.indicators())
                                .map(progress -> new MeasureProgress(measureId, plan.id, plan.region, plan.title,
                                        plan.phase.name(), measure.code(), measure.title(), measure.description(),
                                        measure.theme(), label(plan, measure.theme()), measure.priority(),
                                        measure.scope(), measure.office(), measure.resources(),
                                        ResourceTotals.of(measure), version.fundingSources(), version.version(),
                                        inForce, version.adopted(),
                                        progress));
                    })));
        });
    }

    @WithSession
    public Uni<PlanAccountability> accountability(UUID planId) {
        return plans.require(planId).flatMap(plan -> documents.latest(planId).flatMap(version -> {
            if (version == null) {
                throw ProblemException.notFound("Il documento del piano non ha ancora versioni pubblicate");
            }
            Set<UUID> attached = new LinkedHashSet<>();
            version.document().measures().forEach(m -> attached.addAll(indicatorsOf(m)));
            return series(plan, List.copyOf(attached)).map(found -> view(plan, version, found));
        }));
    }

    private PlanAccountability view(Plan plan, DocumentVersion version, List<IndicatorProgress> found) {
        Map<UUID, IndicatorProgress> byId = found.stream()
                .collect(Collectors.toMap(IndicatorProgress::indicatorId, p -> p));
        Map<String, List<PlanMeasure>> byTheme = new LinkedHashMap<>();
        plan.themes.forEach(t -> byTheme.put(t.code(), new ArrayList<>()));
        version.document().measures().forEach(m -> byTheme.computeIfAbsent(m.theme(), t -> new ArrayList<>()).add(m));
        List<ThemeAccountability> themes = new ArrayList<>();
        byTheme.forEach((theme, inTheme) -> {
            if (inTheme.isEmpty()) {
                return;
            }
            Set<UUID> ids = new LinkedHashSet<>();
            inTheme.forEach(m -> ids.addAll(indicatorsOf(m)));
            List<MeasureAccountability> rows = inTheme.stream().map(m -> {
                List<IndicatorProgress> own = indicatorsOf(m).stream().map(byId::get)
                        .filter(java.util.Objects::nonNull).toList();
                return new MeasureAccountability(MeasureIds.of(plan.id, m.code()), m.code(), m.title(),
                        m.priority(), ResourceTotals.of(m), own.size(),
                        (int) own.stream().filter(i -> i.towardTarget() != null).count(),
                        (int) own.stream().filter(i -> Boolean.TRUE.equals(i.towardTarget())).count(),
                        own.stream().map(Progress::latest).toList());
            }).toList();
            BigDecimal total = inTheme.stream().map(ResourceTotals::of).reduce(BigDecimal.ZERO.setScale(2),
                    BigDecimal::add);
            themes.add(new ThemeAccountability(theme, label(plan, theme), total,
                    Progress.counts(inTheme.size(), (int) inTheme.stream().filter(m -> !indicatorsOf(m).isEmpty())
                            .count(), ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList()),
                    rows));
        });
        List<PlanMeasure> all = version.document().measures();
        return new PlanAccountability(plan.id, plan.region, plan.title, plan.phase.name(), version.version(),
                version.publishedAt(), version.adopted(), version.totals(), version.fundingSources(),
                Progress.counts(all.size(), (int) all.stream().filter(m -> !indicatorsOf(m).isEmpty()).count(),
                        found),
                themes);
    }

    /** The progress of these indicators of the plan, in this order; ids that are not the plan's are skipped. */
    private Uni<List<IndicatorProgress>> series(Plan plan, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return territories.catalog(plan.region, plan.territoryVersion)
                .flatMap(catalog -> indicators.ofPlan(plan.id)
                        .flatMap(all -> indicators.measurements(ids).map(values -> {
                            Map<UUID, Indicator> byId = all.stream().collect(Collectors.toMap(i -> i.id, i -> i));
                            Map<UUID, List<Measurement>> byIndicator = values.stream()
                                    .collect(Collectors.groupingBy(m -> m.indicatorId));
                            Function<String, String> name = code -> catalog.district(code).map(District::name)
                                    .orElse(code);
                            return ids.stream().filter(byId::containsKey)
                                    .map(id -> Progress.of(byId.get(id), byIndicator.getOrDefault(id, List.of()),
                                            name))
                                    .toList();
                        })));
    }

    private static List<UUID> indicatorsOf(PlanMeasure measure) {
        return measure.indicators() == null ? List.of() : measure.indicators();
    }

    private static String label(Plan plan, String theme) {
        return plan.themes.stream().filter(t -> t.code().equals(theme)).map(Theme::label).findFirst().orElse(theme);
    }
}
