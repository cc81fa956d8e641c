package org.coprogram.synthesis.synthesis;

import static org.coprogram.synthesis.readmodel.Sql.number;

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
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.Theme;
import org.coprogram.synthesis.readmodel.Sql;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads the synthesis of a plan for a scope from the read model; everything it shows is counted in SQL. */
@ApplicationScoped
public class SynthesisService {

    static final String COUNTED = " AND NOT c.hidden AND c.status IS DISTINCT FROM 'WITHDRAWN'";
    /** Restricted items (of social reports not yet published) count only in the region staff's own view. */
    static final String PUBLIC = " AND NOT c.restricted";
    /** Every category, in the order the synthesis shows them (citizens and the third sector first). */
    static final List<String> CATEGORIES = Stream.of(StakeholderCategory.CITIZEN, StakeholderCategory.THIRD_SECTOR,
            StakeholderCategory.DISTRICT, StakeholderCategory.MUNICIPALITY, StakeholderCategory.PROVINCE,
            StakeholderCategory.TRADE_UNION, StakeholderCategory.EMPLOYER_ORGANIZATION,
            StakeholderCategory.PROFESSIONAL_ORDER, StakeholderCategory.OTHER_PUBLIC_BODY,
            StakeholderCategory.REGIONAL_GUARANTOR).map(Enum::name).toList();
    static final List<String> KINDS = List.of("PROPOSAL", "IDEA", "REPORT", "SURVEY_RESPONSE", "MEETING_CONTRIBUTION",
            "SOCIAL_REPORT");
    private static final int TOP_PROPOSALS = 10;

    private final TerritoryCatalog territory;
    private final LatestViews views;

    public SynthesisService(TerritoryCatalog territory, LatestViews views) {
        this.territory = territory;
        this.views = views;
    }

    /** The plan, or 404. */
    @WithSession
    public Uni<Plan> plan(UUID planId) {
        return PlanAccess.plan(planId);
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
        // Two columns: a native query of one column would give scalars, not rows.
        return Sql.rows("SELECT plan_id, version FROM read_model_version WHERE plan_id = :plan",
                Map.of("plan", planId)).flatMap(
                        rows -> views.get(LatestViews.Key.of(planId, level, code, unpublished),
                                rows.isEmpty() ? 0 : number(rows.get(0)[1]),
                                () -> compute(planId, level, code, unpublished)));
    }

    private Uni<SynthesisView> compute(UUID planId, String level, String code, boolean unpublished) {
        String counted = COUNTED + (unpublished ? "" : PUBLIC);
        String reports = unpublished ? "" : " AND c.published";
        return plan(planId).flatMap(plan -> {
            Scope scope = Scope.of(level, code, plan.region, territory);
            Map<String, Object> params = scope.parameters(planId);
            Builder view = new Builder(plan, scope, unpublished);
            return Sql.rows("SELECT c.kind, coalesce(c.theme, ''), coalesce(c.category, ''), count(*),"
                    + " coalesce(sum(c.supports), 0) FROM contribution c WHERE c.plan_id = :plan" + counted
                    + scope.condition("c.") + " GROUP BY 1, 2, 3", params).invoke(view::cube)
                    .chain(() -> Sql.rows("SELECT coalesce(c." + scope.childColumn() + ", ''), c.kind, count(*),"
                            + " coalesce(sum(c.supports), 0) FROM contribution c WHERE c.plan_id = :plan" + counted
                            + scope.condition("c.") + " GROUP BY 1, 2", params))
                    .invoke(view::territories)
                    .chain(() -> Sql.rows("SELECT 'all', count(DISTINCT participant) FROM participant_presence c"
                            + " WHERE c.plan_id = :plan" + scope.condition("c.") + " UNION ALL"
                            + " SELECT 'category:' || category, count(DISTINCT participant) FROM participant_presence c"
                            + " WHERE c.plan_id = :plan" + scope.condition("c.") + " GROUP BY category UNION ALL"
                            + " SELECT 'territory:' || coalesce(c." + scope.childColumn() + ", ''),"
                            + " count(DISTINCT participant) FROM participant_presence c WHERE c.plan_id = :plan"
                            + scope.condition("c.") + " GROUP BY c." + scope.childColumn(), params))
                    .invoke(view::participants)
                    .chain(() -> Sql.rows("SELECT 'municipality', municipality, count(DISTINCT participant)"
                            + " FROM participant_presence WHERE plan_id = :plan AND municipality <> ''"
                            + " GROUP BY municipality UNION ALL SELECT 'district', district,"
                            + " count(DISTINCT participant) FROM participant_presence WHERE plan_id = :plan"
                            + " AND district IS NOT NULL GROUP BY district", Map.of("plan", planId)))
                    .invoke(view::equity)
                    .chain(() -> Sql.rows("SELECT c.id, c.title, c.kind, c.theme, c.municipality, c.status,"
                            + " c.supports FROM contribution c WHERE c.plan_id = :plan AND c.source = 'PROPOSAL'"
                            + counted + scope.condition("c.") + " ORDER BY c.supports DESC, c.created_at, c.id LIMIT "
                            + TOP_PROPOSALS, params))
                    .invoke(view::topProposals)
                    .chain(() -> Sql.rows("SELECT s.survey_id, s.title, s.status, count(c.id) FROM survey_summary s"
                            + " LEFT JOIN contribution c ON c.parent_id = s.survey_id" + scope.condition("c.")
                            + " WHERE s.plan_id = :plan GROUP BY 1, 2, 3 ORDER BY s.title, s.survey_id", params))
                    .invoke(view::surveys)
                    .chain(() -> Sql.rows("SELECT 'meetings', count(*) FROM meeting_summary c WHERE c.plan_id = :plan"
                            + " AND c.status <> 'CANCELLED'" + scope.condition("c.") + " UNION ALL"
                            + " SELECT 'reports', count(*) FROM social_report_summary c WHERE c.plan_id = :plan"
                            + " AND c.status = 'SUBMITTED'" + reports + scope.condition("c.") + " UNION ALL"
                            + " SELECT 'version', coalesce(max(version), 0) FROM read_model_version"
                            + " WHERE plan_id = :plan", params))
                    .map(view::build);
        });
    }

    /** Collects the query results for one view. */
    private final class Builder {

        private final Plan plan;
        private final Scope scope;
        private final boolean unpublished;
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

        Builder(Plan plan, Scope scope, boolean unpublished) {
            this.plan = plan;
            this.scope = scope;
            this.unpublished = unpublished;
        }

        void cube(List<Object[]> rows) {
            for (Object[] r : rows) {
                String kind = (String) r[0];
                long count = number(r[3]);
                long supports = number(r[4]);
                themes.add((String) r[1], kind, count, supports);
                categories.add((String) r[2], kind, count, supports);
                kinds.add(kind, kind, count, supports);
                all.add("all", kind, count, supports);
            }
        }

        void territories(List<Object[]> rows) {
            rows.forEach(r -> places.add((String) r[0], (String) r[1], number(r[2]), number(r[3])));
        }

        void participants(List<Object[]> rows) {
            rows.forEach(r -> participants.put((String) r[0], number(r[1])));
        }

        void equity(List<Object[]> rows) {
            rows.forEach(r -> ("municipality".equals(r[0]) ? byMunicipality : byDistrict).put((String) r[1],
                    number(r[2])));
        }

        void topProposals(List<Object[]> rows) {
            topProposals = rows.stream().map(r -> new SynthesisView.TopProposal((UUID) r[0], (String) r[1],
                    (String) r[2], (String) r[3], (String) r[4], (String) r[5], number(r[6]))).toList();
        }

        void surveys(List<Object[]> rows) {
            surveys = rows.stream().map(r -> new SynthesisView.SurveyFigures((UUID) r[0], (String) r[1],
                    (String) r[2], number(r[3]))).toList();
        }

        SynthesisView build(List<Object[]> rows) {
            rows.forEach(r -> counts.put((String) r[0], number(r[1])));
            long[] sum = all.get("all");
            SynthesisView.Totals totals = new SynthesisView.Totals(sum[0], sum[1], sum[2], sum[3],
                    counts.getOrDefault("meetings", 0L), sum[4], counts.getOrDefault("reports", 0L),
                    participants.getOrDefault("all", 0L));
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
                    topProposals, surveys, participation(), unpublished);
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
            return new SynthesisView.Participation(round(median), inDistricts, inMunicipalities);
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
