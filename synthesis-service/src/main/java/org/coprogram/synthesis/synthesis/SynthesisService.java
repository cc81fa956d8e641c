package org.coprogram.synthesis.synthesis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.territory.District;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.plan.Theme;
import org.coprogram.synthesis.territory.TerritoryVersions;
import org.coprogram.synthesis.traceability.UptakeService;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads the synthesis of a plan for a scope from the read model; everything it shows is counted in SQL. */
@ApplicationScoped
public class SynthesisService {

    /** Every category, in the order the synthesis shows them (citizens and the third sector first). */
    static final List<String> CATEGORIES = Stream.of(StakeholderCategory.CITIZEN, StakeholderCategory.THIRD_SECTOR,
            StakeholderCategory.DISTRICT, StakeholderCategory.MUNICIPALITY, StakeholderCategory.PROVINCE,
            StakeholderCategory.TRADE_UNION, StakeholderCategory.EMPLOYER_ORGANIZATION,
            StakeholderCategory.PROFESSIONAL_ORDER, StakeholderCategory.OTHER_PUBLIC_BODY,
            StakeholderCategory.REGIONAL_GUARANTOR).map(Enum::name).toList();
    /** Always listed; {@code COMMENT} (imported with proposals, docs/decidim.md) follows only where there are some. */
    static final List<String> KINDS = List.of("PROPOSAL", "IDEA", "REPORT", "SURVEY_RESPONSE", "MEETING_CONTRIBUTION",
            "SOCIAL_REPORT");

    private final TerritoryVersions territories;
    private final LatestViews views;
    private final SynthesisRepository repository;
    private final PlanRepository plans;
    private final UptakeService uptake;

    public SynthesisService(TerritoryVersions territories, LatestViews views, SynthesisRepository repository,
            PlanRepository plans, UptakeService uptake) {
        this.plans = plans;
        this.uptake = uptake;
        this.territories = territories;
        this.views = views;
        this.repository = repository;
    }

    /** The plan, or 404. */
    @WithSession
    public Uni<Plan> plan(UUID planId) {
        return plans.require(planId);
    }

    /**
     * The public synthesis of a scope, at most {@code synthesis-view.refresh} behind the read model (see
     * {@link LatestViews}): the version, one primary-key read, tells whether the kept view is current.
     */
    public Uni<SynthesisView> synthesis(UUID planId, String level, String code) {
        return synthesis(planId, level, code, false);
    }

    /**
     * With {@code unpublished}, the view also counts the submitted social reports the region has not published: for
     * the region's staff only, which the caller must have checked.
     */
    @WithSession
    public Uni<SynthesisView> synthesis(UUID planId, String level, String code, boolean unpublished) {
        return repository.version(planId).flatMap(version -> views.get(
                LatestViews.Key.of(planId, level, code, unpublished), version,
                () -> compute(planId, level, code, unpublished))
                .flatMap(view -> uptake.uptake(planId, version).map(view::withUptake)));
    }

    /** The plan's territory: the districts and populations of the version it uses. */
    public Uni<TerritoryVersions.Territory> territory(Plan plan) {
        return territories.territory(plan.region, plan.territoryVersion);
    }

    private Uni<SynthesisView> compute(UUID planId, String level, String code, boolean unpublished) {
        return plan(planId).flatMap(plan -> territory(plan).flatMap(version -> {
            TerritoryCatalog territory = version.catalog();
            Scope scope = Scope.of(level, code, plan.region, territory);
            Builder view = new Builder(plan, scope, unpublished, version);
            return repository.cells(planId, scope, unpublished).invoke(view::cube)
                    .chain(() -> repository.territories(planId, scope, unpublished)).invoke(view::territories)
                    .chain(() -> repository.participants(planId, scope)).invoke(view::participants)
                    .chain(() -> repository.presence(planId)).invoke(view::equity)
                    .chain(() -> repository.topProposals(planId, scope, unpublished)).invoke(view::topProposals)
                    .chain(() -> repository.surveys(planId, scope)).invoke(view::surveys)
                    .chain(() -> repository.totals(planId, scope, unpublished))
                    .map(view::build);
        }));
    }

    /** Collects the query results for one view. */
    private final class Builder {

        private final Plan plan;
        private final Scope scope;
        private final boolean unpublished;
        private final TerritoryCatalog territory;
        private final String populationSource;
        private final Tally themes = new Tally();
        private final Tally categories = new Tally();
        private final Tally kinds = new Tally();
        private final Tally places = new Tally();
        private final Tally all = new Tally();
        private final Map<String, Long> participants = new HashMap<>();
        private final Map<String, Long> byMunicipality = new HashMap<>();
        private final Map<String, Long> byDistrict = new HashMap<>();
        private final Map<String, Long> counts = new HashMap<>();
        private List<SynthesisView.TopProposal> topProposals = List.of();
        private List<SynthesisView.SurveyFigures> surveys = List.of();

        Builder(Plan plan, Scope scope, boolean unpublished, TerritoryVersions.Territory version) {
            this.territory = version.catalog();
            this.populationSource = version.populationSource();
            this.plan = plan;
            this.scope = scope;
            this.unpublished = unpublished;
        }

        void cube(List<SynthesisRepository.Cell> cells) {
            for (SynthesisRepository.Cell c : cells) {
                themes.add(c.theme(), c.kind(), c.contributions(), c.supports());
                categories.add(c.category(), c.kind(), c.contributions(), c.supports());
                kinds.add(c.kind(), c.kind(), c.contributions(), c.supports());
                all.add("all", c.kind(), c.contributions(), c.supports());
            }
        }

        void territories(List<SynthesisRepository.TerritoryCell> cells) {
            cells.forEach(c -> places.add(c.code(), c.kind(), c.contributions(), c.supports()));
        }

        void participants(List<SynthesisRepository.Count> counts) {
            counts.forEach(c -> participants.put(c.key(), c.count()));
        }

        void equity(List<SynthesisRepository.Presence> rows) {
            rows.forEach(r -> ("municipality".equals(r.level()) ? byMunicipality : byDistrict).put(r.code(),
                    r.participants()));
        }

        void topProposals(List<SynthesisView.TopProposal> rows) {
            topProposals = rows;
        }

        void surveys(List<SynthesisView.SurveyFigures> rows) {
            surveys = rows;
        }

        SynthesisView build(List<SynthesisRepository.Count> rows) {
            rows.forEach(c -> counts.put(c.key(), c.count()));
            long[] sum = all.get("all");
            SynthesisView.Totals totals = new SynthesisView.Totals(sum[0], sum[1], sum[2], sum[3],
                    counts.getOrDefault("meetings", 0L), sum[4], counts.getOrDefault("reports", 0L),
                    participants.getOrDefault("all", 0L), sum[6]);
            Map<String, String> themeLabels = plan.themes.stream()
                    .collect(Collectors.toMap(Theme::code, Theme::label, (a, b) -> a));
            List<String> childCodes = childCodes();
            Map<String, String> childNames = childNames();
            return new SynthesisView(plan.id, plan.title, plan.region, scope, counts.getOrDefault("version", 0L),
                    totals,
                    themes.rows(plan.themes.stream().map(Theme::code).toList(),
                            code -> code.isEmpty() ? "Senza area di intervento" : themeLabels.getOrDefault(code, code),
                            code -> null),
                    categories.rows(CATEGORIES, Labels::category,
                            code -> participants.getOrDefault("category:" + code, 0L)),
                    kinds.rows(KINDS, Labels::kind, code -> null),
                    places.rows(childCodes, code -> childNames.getOrDefault(code, code.isEmpty()
                            ? "Non indicato"
                            : code), code -> participants.getOrDefault("territory:" + code, 0L)),
                    topProposals, surveys, participation(), unpublished, null);
        }

        private List<String> childCodes() {
            return switch (scope.level()) {
                case Scope.REGION -> territory.provinces(plan.region).stream().map(p -> p.code()).toList();
                case Scope.PROVINCE -> territory.districts(plan.region).stream()
                        .filter(d -> provinceOf(d).equals(scope.code())).map(District::code).toList();
                default -> territory.district(scope.code()).map(District::municipalities).orElse(List.of());
            };
        }

        private Map<String, String> childNames() {
            Map<String, String> names = new HashMap<>();
            territory.provinces(plan.region).forEach(p -> names.put(p.code(), p.name()));
            territory.districts(plan.region).forEach(d -> names.put(d.code(), d.name()));
            territory.municipalities(plan.region).forEach(m -> names.put(m.istatCode(), m.name()));
            return names;
        }

        private SynthesisView.Participation participation() {
            List<Municipality> municipalities = territory.municipalities(plan.region).stream()
                    .filter(m -> m.population() > 0).toList();
            double[] rates = municipalities.stream()
                    .mapToDouble(m -> per1000(byMunicipality.getOrDefault(m.istatCode(), 0L), m.population()))
                    .sorted().toArray();
            double median = median(rates);
            List<SynthesisView.TerritoryParticipation> inMunicipalities = municipalities.stream()
                    .filter(m -> inScope(m.provinceCode(), m.districtCode()))
                    .map(m -> row(m.istatCode(), m.name(), m.provinceCode(), m.population(), byMunicipality, median))
                    .sorted(WORST_FIRST).toList();
            List<SynthesisView.TerritoryParticipation> inDistricts = new ArrayList<>();
            for (District d : territory.districts(plan.region)) {
                long population = d.municipalities().stream().map(territory::municipality)
                        .flatMap(java.util.Optional::stream).mapToLong(Municipality::population).sum();
                if (population > 0 && inScope(provinceOf(d), d.code())) {
                    inDistricts.add(row(d.code(), d.name(), provinceOf(d), population, byDistrict, median));
                }
            }
            inDistricts.sort(WORST_FIRST);
            int unplaced = (int) territory.municipalities(plan.region).stream().filter(m -> m.districtCode() == null)
                    .count();
            return new SynthesisView.Participation(round(median), inDistricts, inMunicipalities,
                    plan.territoryVersion, populationSource, unplaced);
        }

        private boolean inScope(String province, String district) {
            return switch (scope.level()) {
                case Scope.PROVINCE -> scope.code().equals(province);
                case Scope.DISTRICT -> scope.code().equals(district);
                default -> true;
            };
        }

        private String provinceOf(District d) {
            return d.municipalities().stream().findFirst().flatMap(territory::municipality)
                    .map(Municipality::provinceCode).orElse("");
        }
    }

    private static final Comparator<SynthesisView.TerritoryParticipation> WORST_FIRST = Comparator
            .comparingDouble(SynthesisView.TerritoryParticipation::per1000)
            .thenComparing(SynthesisView.TerritoryParticipation::code);

    private static SynthesisView.TerritoryParticipation row(String code, String name, String province,
            long population, Map<String, Long> participants, double median) {
        long count = participants.getOrDefault(code, 0L);
        double rate = per1000(count, population);
        boolean below = median > 0 ? rate < median / 2 : count == 0;
        return new SynthesisView.TerritoryParticipation(code, name, province, population, count, round(rate), below);
    }

    static double per1000(long participants, long population) {
        return population == 0 ? 0 : participants * 1000.0 / population;
    }

    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
