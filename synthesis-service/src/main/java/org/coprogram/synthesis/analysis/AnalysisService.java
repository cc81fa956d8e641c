package org.coprogram.synthesis.analysis;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.text.ItalianText;
import org.coprogram.synthesis.readmodel.Sql;
import org.coprogram.synthesis.synthesis.Scope;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Text analysis of a plan's contributions in a scope. The result depends only on the contributions, so it is kept
 * per read-model version and computed again only after an event changed the plan.
 */
@ApplicationScoped
public class AnalysisService {

    private record Key(UUID planId, String level, String code) {
    }

    private record Computed(long version, TextAnalysis analysis) {
    }

    private final ContributionAnalyzer analyzer;
    private final Map<Key, Computed> latest = new ConcurrentHashMap<>();

    public AnalysisService(ItalianText italian, AnalysisConfig config) {
        this.analyzer = new ContributionAnalyzer(italian, config.maxClustersPerTheme());
    }

    @WithSession
    public Uni<TextAnalysis> analysis(UUID planId, Scope scope, long version) {
        Key key = new Key(planId, scope.level(), scope.code());
        Computed cached = latest.get(key);
        if (cached != null && cached.version() == version) {
            return Uni.createFrom().item(cached.analysis());
        }
        Context context = Vertx.currentContext();
        return contributions(planId, scope)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(analyzer::analyse)
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .invoke(analysis -> latest.put(key, new Computed(version, analysis)));
    }

    private static Uni<List<TextContribution>> contributions(UUID planId, Scope scope) {
        return Sql.rows("SELECT c.id, c.kind, c.title, c.body, c.theme, c.province, c.district, c.municipality,"
                + " c.supports FROM contribution c WHERE c.plan_id = :plan AND NOT c.hidden"
                + " AND c.status IS DISTINCT FROM 'WITHDRAWN' AND c.body <> ''" + scope.condition("c."),
                scope.parameters(planId))
                .map(rows -> rows.stream().map(r -> new TextContribution((UUID) r[0], (String) r[1], (String) r[2],
                        (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7],
                        (int) Sql.number(r[8]))).toList());
    }
}
