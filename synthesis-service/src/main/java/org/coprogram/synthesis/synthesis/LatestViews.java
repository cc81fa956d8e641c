package org.coprogram.synthesis.synthesis;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The latest synthesis view of each plan and scope. A view computed for the current read-model version is served as
 * is. When the version has moved, the view is recomputed once it is older than four times what its computation took,
 * and at the latest after {@code synthesis-view.refresh}: a small plan's view follows every batch, while a large plan
 * whose version moves every few milliseconds spends at most a fifth of its time recomputing instead of seven aggregate
 * queries per reader. Concurrent readers of a view being computed share that one computation.
 */
@ApplicationScoped
public class LatestViews {

    @ConfigMapping(prefix = "synthesis-view")
    public interface Config {

        /** How far behind the read model a served view may be while the read model keeps moving. */
        @WithDefault("500ms")
        Duration refresh();

        /** Views kept; one per plan and scope asked for. */
        @WithDefault("1000")
        int maximumSize();
    }

    /** One view: a plan's scope, as {@link Scope#requested} names it, public or reserved. */
    record Key(UUID planId, String level, String code, boolean unpublished) {

        /**
         * Keyed on the scope the parameters name, not on their raw values: at region level {@code code} means nothing,
         * and a key that kept it would let anyone force a fresh computation per request with a random code.
         */
        static Key of(UUID planId, String level, String code, boolean unpublished) {
            Scope.Requested scope = Scope.requested(level, code);
            return new Key(planId, scope.level(), scope.code(), unpublished);
        }
    }

    /** Up to this many times its own cost may pass before a view of a moving read model is recomputed. */
    static final int COST_MULTIPLE = 4;

    private record Entry(long version, long computedAt, AtomicLong cost, Uni<SynthesisView> view) {

        boolean servable(long wanted, long now, long refreshNanos) {
            return version >= wanted || now - computedAt < Math.min(refreshNanos, COST_MULTIPLE * cost.get());
        }
    }

    private final long refreshNanos;
    private final Cache<Key, Entry> entries;
    private final AtomicLong computations = new AtomicLong();
    private final LongSupplier nanoTime;

    @Inject
    public LatestViews(Config config, MeterRegistry registry) {
        this(config, registry, System::nanoTime);
    }

    /** {@code nanoTime} in place of {@link System#nanoTime()}, for tests that let time pass without waiting. */
    LatestViews(Config config, MeterRegistry registry, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.refreshNanos = config.refresh().toNanos();
        FunctionCounter.builder("synthesis.view.computations", computations, AtomicLong::get)
                .description("Synthesis views computed (not served from the kept ones)").register(registry);
        this.entries = Caffeine.newBuilder().maximumSize(config.maximumSize())
                .expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    Uni<SynthesisView> get(Key key, long version, Supplier<Uni<SynthesisView>> compute) {
        long now = nanoTime.getAsLong();
        Entry entry = entries.asMap().compute(key, (k, current) -> {
            if (current != null && current.servable(version, now, refreshNanos)) {
                return current;
            }
            // Until its computation ends, a view's cost counts as the longest wait, so readers share it.
            AtomicLong cost = new AtomicLong(Long.MAX_VALUE / COST_MULTIPLE);
            computations.incrementAndGet();
            // Deferred: assembled by whichever reader subscribes first, in its own session. Panache takes the
            // session of the context a query is assembled in, and the reader that creates the entry is not always
            // the first to subscribe (HR000069 under concurrent first reads).
            Uni<SynthesisView> view = Uni.createFrom().deferred(compute::get)
                    .invoke(() -> cost.set(nanoTime.getAsLong() - now)).memoize().indefinitely();
            return new Entry(version, now, cost, view);
        });
        // A failed computation (an unknown plan, a bad scope) is not kept.
        Uni<SynthesisView> shared = entry.view().onFailure().invoke(() -> entries.asMap().remove(key, entry));
        // The computation emits on the context of the request that started it. Every other reader must go on on its
        // own: on the first one's context it would run its next queries in that request's session, which closes
        // when that request ends ("Session/EntityManager is closed" under concurrent first reads).
        Context caller = Vertx.currentContext();
        return caller == null ? shared : shared.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }
}
