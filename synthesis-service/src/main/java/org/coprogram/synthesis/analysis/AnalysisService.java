package org.coprogram.synthesis.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

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

    private static final int MODELS = 200;

    private final ContributionAnalyzer analyzer;
    private final SynthesisRepository repository;
    private final AnalysisConfig config;
    private final VersionedCache<Key, TextAnalysis> latest = new VersionedCache<>(1000);
    /** The last computation per key, full or incremental, to place new contributions in (least recently used out). */
    private final Map<Key, ContributionAnalyzer.Fitted> models = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, ContributionAnalyzer.Fitted> eldest) {
                    return size() > MODELS;
                }
            });
    private final AtomicLong fullComputations = new AtomicLong();
    private final AtomicLong incrementalUpdates = new AtomicLong();

    public AnalysisService(ItalianText italian, AnalysisConfig config, SynthesisRepository repository,
            MeterRegistry registry) {
        this.repository = repository;
        this.config = config;
        this.analyzer = new ContributionAnalyzer(italian, config.maxClustersPerTheme(), config.fitBudget());
        FunctionCounter.builder("synthesis.analysis.full", fullComputations, AtomicLong::get)
                .description("Full text analyses (clusters computed anew)").register(registry);
        FunctionCounter.builder("synthesis.analysis.incremental", incrementalUpdates, AtomicLong::get)
                .description("Incremental text analyses (new contributions placed in the existing clusters)")
                .register(registry);
        FunctionCounter.builder("synthesis.analysis.computations", latest, VersionedCache::computations)
                .description(
                        "Text analyses computed (requests for a version already computed or being computed share one)")
                .register(registry);
    }

    @WithSession
    public Uni<TextAnalysis> analysis(UUID planId, Scope scope, long version, boolean unpublished) {
        Key key = new Key(planId, scope.level(), scope.code(), unpublished);
        return latest.get(key, version, () -> {
            Context context = Vertx.currentContext();
            return repository.texts(planId, scope, unpublished)
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(texts -> compute(key, texts))
                    .emitOn(command -> context.runOnContext(ignored -> command.run()));
        });
    }

    /**
     * New contributions join the clusters of the last full computation (nearest centre in its LSA space), so clusters
     * do not reshuffle with every contribution; a full computation runs when none is kept, when it is older than
     * {@code synthesis.recompute-after}, or when more than {@code synthesis.recompute-after-changed-share} of the
     * contributions changed since.
     */
    private TextAnalysis compute(Key key, List<TextContribution> texts) {
        ContributionAnalyzer.Fitted previous = models.get(key);
        ContributionAnalyzer.Fitted next = null;
        if (previous != null
                && Duration.between(previous.computedAt(), Instant.now()).compareTo(config.recomputeAfter()) < 0) {
            next = analyzer.update(previous, texts, config.recomputeAfterChangedShare());
        }
        if (next == null) {
            next = analyzer.fit(texts);
            fullComputations.incrementAndGet();
        } else {
            incrementalUpdates.incrementAndGet();
        }
        models.put(key, next);
        return next.analysis();
    }
}
