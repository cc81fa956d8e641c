package org.coprogram.synthesis.analysis;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.text.ItalianText;
import org.coprogram.synthesis.synthesis.Scope;
import org.coprogram.synthesis.synthesis.SynthesisRepository;
import org.coprogram.synthesis.synthesis.VersionedCache;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
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

    private static final Logger LOG = Logger.getLogger(AnalysisService.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Key(UUID planId, String level, String code, boolean unpublished) {
    }

    /**
     * A kept computation, the change-log position its contributions were read at, and when its full computation ran
     * (by the service's clock).
     */
    private record Model(ContributionAnalyzer.Fitted fitted, long position, Instant fullAt) {
    }

    private static final int MODELS = 200;
    /** The fewest changes read at once before a full computation is chosen instead. */
    private static final int MIN_CHANGES_READ = 1000;

    private final ContributionAnalyzer analyzer;
    private final SynthesisRepository repository;
    private final ContributionChangeRepository changeLog;
    private final AnalysisConfig config;
    private final VersionedCache<Key, TextAnalysis> latest = new VersionedCache<>(1000);
    /** The last computation per key, full or incremental, to place new contributions in (least recently used out). */
    private final Map<Key, Model> models = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Model> eldest) {
            return size() > MODELS;
        }
    });
    private final AtomicLong fullComputations = new AtomicLong();
    private final AtomicLong incrementalUpdates = new AtomicLong();
    private final Timer fullTime;
    private final Timer incrementalTime;
    private final Clock clock;
    /** When the change log was last pruned ({@link System#nanoTime()}), null before the first time. */
    private final AtomicReference<Long> lastForget = new AtomicReference<>();

    public AnalysisService(ItalianText italian, AnalysisConfig config, SynthesisRepository repository,
            ContributionChangeRepository changeLog, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.changeLog = changeLog;
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
        fullTime = Timer.builder("synthesis.analysis.duration").tag("kind", "full")
                .description("Time to compute a text analysis: reading the contributions and clustering them")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        incrementalTime = Timer.builder("synthesis.analysis.duration").tag("kind", "incremental")
                .description("Time to compute a text analysis: reading the contributions and clustering them")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    @WithSession
    public Uni<TextAnalysis> analysis(UUID planId, Scope scope, long version, boolean unpublished) {
        Key key = new Key(planId, scope.level(), scope.code(), unpublished);
        return latest.get(key, version, () -> {
            Context context = Vertx.currentContext();
            Model previous = models.get(key);
            Uni<Model> next = previous != null
                    && Duration.between(previous.fullAt(), clock.instant())
                            .compareTo(config.recomputeAfter()) < 0
                                    ? incremental(key, scope, previous, context)
                                    : full(key, scope, context);
            return next.map(model -> {
                models.put(key, model);
                return model.fitted().analysis();
            });
        });
    }

    /**
     * The contributions changed since the kept computation (the change log, from its position) placed in its
     * clusters, so clusters do not reshuffle with every contribution; a full computation instead when more than
     * {@code synthesis.recompute-after-changed-share} of the contributions changed since the last one, or a new theme
     * appeared.
     */
    private Uni<Model> incremental(Key key, Scope scope, Model previous, Context context) {
        long start = System.nanoTime();
        ContributionAnalyzer.Fitted fitted = previous.fitted();
        int limit = (int) Math.max(MIN_CHANGES_READ,
                2 * config.recomputeAfterChangedShare() * Math.max(1, fitted.fullCount()));
        return changeLog.since(key.planId(), scope, key.unpublished(), previous.position(), limit)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(changes -> {
                    if (changes.overflow()) {
                        return null;
                    }
                    long placing = System.nanoTime();
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    ContributionAnalyzer.Fitted next = analyzer.apply(fitted, changes.changes(),
                            config.recomputeAfterChangedShare());
                    if (next != null && LOG.isDebugEnabled()) {
                        LOG.debugf("Incremental analysis of plan %s (%s %s): %d changes read, placed in %.3f ms"
                                + " (thread CPU %.3f ms)", key.planId(), key.level(), key.code(),
                                changes.changes().size(), (System.nanoTime() - placing) / 1e6,
                                (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
                    }
                    return next == null ? null : new Model(next, changes.position(), previous.fullAt());
                })
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .flatMap(model -> {
                    if (model == null) {
                        return full(key, scope, context);
                    }
                    long took = System.nanoTime() - start;
                    incrementalUpdates.incrementAndGet();
                    incrementalTime.record(took, TimeUnit.NANOSECONDS);
                    LOG.debugf("Incremental analysis of plan %s (%s %s): %.3f ms from the request (change log read"
                            + " included)", key.planId(), key.level(), key.code(), took / 1e6);
                    return Uni.createFrom().item(model);
                });
    }

    /**
     * Every text of the scope clustered anew. The change-log position is taken before the texts are read, so a change
     * committed meanwhile is read by the next incremental update (perhaps again, which changes nothing).
     */
    private Uni<Model> full(Key key, Scope scope, Context context) {
        long start = System.nanoTime();
        Instant at = clock.instant();
        return changeLog.position().flatMap(position -> repository.texts(key.planId(), scope, key.unpublished())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(texts -> new Model(analyzer.fit(texts), position, at))
                .emitOn(command -> context.runOnContext(ignored -> command.run())))
                .invoke(model -> {
                    long took = System.nanoTime() - start;
                    fullComputations.incrementAndGet();
                    fullTime.record(took, TimeUnit.NANOSECONDS);
                    LOG.debugf("Full analysis of plan %s (%s %s): %d contributions in %.0f ms", key.planId(),
                            key.level(), key.code(), model.fitted().fullCount(), took / 1e6);
                })
                .call(this::forgetOldChanges);
    }

    /**
     * At most once an hour, after a full computation, the change log forgets what is older than twice
     * {@code synthesis.recompute-after}: no kept computation reads from so far back (it is computed anew by then).
     * A failure is logged, not served: the log is only longer.
     */
    private Uni<Void> forgetOldChanges() {
        long now = System.nanoTime();
        Long last = lastForget.get();
        if (last != null && now - last < TimeUnit.HOURS.toNanos(1) || !lastForget.compareAndSet(last, now)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> changeLog.forget(config.recomputeAfter().multipliedBy(2)))
                .onFailure().invoke(e -> LOG.warnf(e, "Change log not pruned"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
