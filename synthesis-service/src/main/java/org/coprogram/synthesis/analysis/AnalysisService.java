package org.coprogram.synthesis.analysis;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.text.ItalianText;
import org.coprogram.synthesis.synthesis.Scope;
import org.coprogram.synthesis.synthesis.SynthesisRepository;
import org.coprogram.synthesis.synthesis.VersionedCache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Text analysis of a plan's contributions in a scope. The result depends only on the contributions, so it is kept
 * per read-model version and computed again only after an event changed the plan; concurrent requests share one
 * computation. {@code unpublished} analyses also the restricted items of reports the region has not published yet,
 * for that region's staff only (the resource checks who asks).
 */
@ApplicationScoped
public class AnalysisService {

    private record Key(UUID planId, String level, String code, boolean unpublished) {
    }

    private final ContributionAnalyzer analyzer;
    private final SynthesisRepository repository;
    private final VersionedCache<Key, TextAnalysis> latest = new VersionedCache<>(1000);

    public AnalysisService(ItalianText italian, AnalysisConfig config, SynthesisRepository repository,
            MeterRegistry registry) {
        this.repository = repository;
        this.analyzer = new ContributionAnalyzer(italian, config.maxClustersPerTheme());
        FunctionCounter.builder("synthesis.analysis.computations", latest, VersionedCache::computations)
                .description(
                        "Text analyses computed (requests for a version already computed or being computed share one)")
                .register(registry);
    }

    @WithSession
    public Uni<TextAnalysis> analysis(UUID planId, Scope scope, long version, boolean unpublished) {
        return latest.get(new Key(planId, scope.level(), scope.code(), unpublished), version, () -> {
            Context context = Vertx.currentContext();
            return repository.texts(planId, scope, unpublished)
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(analyzer::analyse)
                    .emitOn(command -> context.runOnContext(ignored -> command.run()));
        });
    }
}
