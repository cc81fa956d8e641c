package org.coprogram.synthesis.synthesis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.synthesis.analysis.TextContribution;
import org.coprogram.synthesis.readmodel.NativeRepository;

import io.smallrye.mutiny.Uni;

/**
 * The reads of the synthesis read model: what a synthesis view and a text analysis count, all counted in SQL, for a
 * plan and a {@link Scope}. {@code unpublished} also counts the restricted items of social reports the region has not
 * published yet, for the region's staff only (the caller checks who asks).
 */
@ApplicationScoped
public class SynthesisRepository extends NativeRepository {

    static final String COUNTED = " AND NOT c.hidden AND c.status IS DISTINCT FROM 'WITHDRAWN'";
    /** Restricted items (of social reports not yet published) count only in the region staff's own view. */
    static final String PUBLIC = " AND NOT c.restricted";
    static final int TOP_PROPOSALS = 10;

    /** Counted contributions of one kind, theme and category ('' for none). */
    record Cell(String kind, String theme, String category, long contributions, long supports) {
    }

    /** Counted contributions of one kind in one territory one level below the scope ('' for not known). */
    record TerritoryCell(String code, String kind, long contributions, long supports) {
    }

    /** A named count: {@code all}, {@code category:X}, {@code territory:X}; {@code meetings}, {@code reports}, ... */
    record Count(String key, long count) {

        static List<Count> of(List<Object[]> rows) {
            return rows.stream().map(r -> new Count((String) r[0], number(r[1]))).toList();
        }
    }

    /** Distinct participants of a municipality or a district ({@code level}), over the whole plan. */
    record Presence(String level, String code, long participants) {
    }

    /** The plan's read-model version, 0 before its first event. */
    public Uni<Long> version(UUID planId) {
        // Two columns: a native query of one column would give scalars, not rows.
        return rows("SELECT plan_id, version FROM read_model_version WHERE plan_id = :plan", Map.of("plan", planId))
                .map(rows -> rows.isEmpty() ? 0 : number(rows.get(0)[1]));
    }

    Uni<List<Cell>> cells(UUID planId, Scope scope, boolean unpublished) {
        return rows("SELECT c.kind, coalesce(c.theme, ''), coalesce(c.category, ''), count(*),"
                + " coalesce(sum(c.supports), 0) FROM contribution c WHERE c.plan_id = :plan" + counted(unpublished)
                + condition(scope) + " GROUP BY 1, 2, 3", parameters(planId, scope))
                .map(rows -> rows.stream().map(r -> new Cell((String) r[0], (String) r[1], (String) r[2],
                        number(r[3]), number(r[4]))).toList());
    }

    Uni<List<TerritoryCell>> territories(UUID planId, Scope scope, boolean unpublished) {
        return rows("SELECT coalesce(c." + scope.childColumn() + ", ''), c.kind, count(*),"
                + " coalesce(sum(c.supports), 0) FROM contribution c WHERE c.plan_id = :plan" + counted(unpublished)
                + condition(scope) + " GROUP BY 1, 2", parameters(planId, scope))
                .map(rows -> rows.stream().map(r -> new TerritoryCell((String) r[0], (String) r[1], number(r[2]),
                        number(r[3]))).toList());
    }

    /** Distinct participants in the scope: {@code all}, {@code category:X} and {@code territory:X} (one level below). */
    Uni<List<Count>> participants(UUID planId, Scope scope) {
        return rows("SELECT 'all', count(DISTINCT participant) FROM participant_presence c"
                + " WHERE c.plan_id = :plan" + condition(scope) + " UNION ALL"
                + " SELECT 'category:' || category, count(DISTINCT participant) FROM participant_presence c"
                + " WHERE c.plan_id = :plan" + condition(scope) + " GROUP BY category UNION ALL"
                + " SELECT 'territory:' || coalesce(c." + scope.childColumn() + ", ''),"
                + " count(DISTINCT participant) FROM participant_presence c WHERE c.plan_id = :plan"
                + condition(scope) + " GROUP BY c." + scope.childColumn(), parameters(planId, scope))
                .map(Count::of);
    }

    /** Participants per municipality and per district of the whole plan, whatever the scope. */
    Uni<List<Presence>> presence(UUID planId) {
        return rows("SELECT 'municipality', municipality, count(DISTINCT participant)"
                + " FROM participant_presence WHERE plan_id = :plan AND municipality <> ''"
                + " GROUP BY municipality UNION ALL SELECT 'district', district,"
                + " count(DISTINCT participant) FROM participant_presence WHERE plan_id = :plan"
                + " AND district IS NOT NULL GROUP BY district", Map.of("plan", planId))
                .map(rows -> rows.stream().map(r -> new Presence((String) r[0], (String) r[1], number(r[2])))
                        .toList());
    }

    Uni<List<SynthesisView.TopProposal>> topProposals(UUID planId, Scope scope, boolean unpublished) {
        return rows("SELECT c.id, c.title, c.kind, c.theme, c.municipality, c.status,"
                + " c.supports, c.origin, c.original_url, c.comments FROM contribution c WHERE c.plan_id = :plan"
                + " AND c.source = 'PROPOSAL'"
                + counted(unpublished) + condition(scope) + " ORDER BY c.supports DESC, c.created_at, c.id LIMIT "
                + TOP_PROPOSALS, parameters(planId, scope))
                .map(rows -> rows.stream().map(r -> new SynthesisView.TopProposal((UUID) r[0], (String) r[1],
                        (String) r[2], (String) r[3], (String) r[4], (String) r[5], number(r[6]), (String) r[7],
                        (String) r[8], number(r[9]))).toList());
    }

    Uni<List<SynthesisView.SurveyFigures>> surveys(UUID planId, Scope scope) {
        return rows("SELECT s.survey_id, s.title, s.status, count(c.id) FROM survey_summary s"
                + " LEFT JOIN contribution c ON c.parent_id = s.survey_id" + condition(scope)
                + " WHERE s.plan_id = :plan GROUP BY 1, 2, 3 ORDER BY s.title, s.survey_id", parameters(planId, scope))
                .map(rows -> rows.stream().map(r -> new SynthesisView.SurveyFigures((UUID) r[0], (String) r[1],
                        (String) r[2], number(r[3]))).toList());
    }

    /** {@code meetings} not cancelled, submitted {@code reports} (published ones only unless {@code unpublished}), the {@code version}. */
    Uni<List<Count>> totals(UUID planId, Scope scope, boolean unpublished) {
        String reports = unpublished ? "" : " AND c.published";
        return rows("SELECT 'meetings', count(*) FROM meeting_summary c WHERE c.plan_id = :plan"
                + " AND c.status <> 'CANCELLED'" + condition(scope) + " UNION ALL"
                + " SELECT 'reports', count(*) FROM social_report_summary c WHERE c.plan_id = :plan"
                + " AND c.status = 'SUBMITTED'" + reports + condition(scope) + " UNION ALL"
                + " SELECT 'version', coalesce(max(version), 0) FROM read_model_version"
                + " WHERE plan_id = :plan", parameters(planId, scope))
                .map(Count::of);
    }

    /** The texts a text analysis reads: counted contributions with a body. */
    public Uni<List<TextContribution>> texts(UUID planId, Scope scope, boolean unpublished) {
        return rows("SELECT c.id, c.kind, c.title, c.body, c.theme, c.province, c.district, c.municipality,"
                + " c.supports FROM contribution c WHERE c.plan_id = :plan AND NOT c.hidden"
                + (unpublished ? "" : " AND NOT c.restricted")
                + " AND c.status IS DISTINCT FROM 'WITHDRAWN' AND c.body <> ''" + condition(scope),
                parameters(planId, scope))
                .map(rows -> rows.stream().map(r -> new TextContribution((UUID) r[0], (String) r[1], (String) r[2],
                        (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7],
                        (int) number(r[8]))).toList());
    }

    private static String counted(boolean unpublished) {
        return COUNTED + (unpublished ? "" : PUBLIC);
    }

    /** The condition for rows (alias {@code c}) inside the scope, with the parameter {@code :scope}. */
    private static String condition(Scope scope) {
        return switch (scope.level()) {
            case Scope.PROVINCE -> " AND c.province = :scope";
            case Scope.DISTRICT -> " AND c.district = :scope";
            default -> "";
        };
    }

    /** {@code :plan} and, below region level, {@code :scope}. */
    private static Map<String, Object> parameters(UUID planId, Scope scope) {
        Map<String, Object> params = new HashMap<>();
        params.put("plan", planId);
        if (!scope.level().equals(Scope.REGION)) {
            params.put("scope", scope.code());
        }
        return params;
    }
}
