package org.coprogram.synthesis.synthesis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Results that depend only on a plan's read model, kept per key for the read-model version they were computed at.
 * A caller asking for a version the kept result already has gets it; concurrent callers of a result being computed
 * share that one computation (single flight), so anonymous visitors cannot make the service render or cluster once
 * per request. A failed computation is not kept.
 */
public final class VersionedCache<K, V> {

    private record Entry<V>(long version, Uni<V> value) {
    }

    private final Cache<K, Entry<V>> entries;
    private final AtomicLong computations = new AtomicLong();

    public VersionedCache(int maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    public Uni<V> get(K key, long version, Supplier<Uni<V>> compute) {
        Entry<V> entry = entries.asMap().compute(key, (k, current) -> {
            if (current != null && current.version() >= version) {
                return current;
            }
            computations.incrementAndGet();
            // Deferred: assembled by the first subscriber, in its own session (see LatestViews.get).
            return new Entry<>(version, Uni.createFrom().deferred(compute::get).memoize().indefinitely());
        });
        Uni<V> shared = entry.value().onFailure().invoke(() -> entries.asMap().remove(key, entry));
        // The computation runs, and emits, on the context of the request that started it; every other request
        // continues on its own, where its own session lives.
        Context caller = Vertx.currentContext();
        return caller == null ? shared : shared.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }

    /** How many computations have been started: what the single-flight metric reports. */
    public long computations() {
        return computations.get();
    }
}
