package org.coprogram.synthesis.synthesis;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;

/**
 * The latest synthesis view of each plan and scope. A view computed for the current read-model version is served as
 * is; when the version has moved, the view is recomputed, but at most once per {@code synthesis-view.refresh}: while
 * writes move the version every few milliseconds, readers get a view at most that much behind instead of seven
 * aggregate queries each. Concurrent readers of a view being computed share that one computation.
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

    record Key(UUID planId, String level, String code) {
    }

    private record Entry(long version, long computedAt, Uni<SynthesisView> view) {
    }

    private final long refreshNanos;
    private final Cache<Key, Entry> entries;

    public LatestViews(Config config) {
        this.refreshNanos = config.refresh().toNanos();
        this.entries = Caffeine.newBuilder().maximumSize(config.maximumSize())
                .expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    Uni<SynthesisView> get(Key key, long version, Supplier<Uni<SynthesisView>> compute) {
        long now = System.nanoTime();
        Entry entry = entries.asMap().compute(key, (k, current) -> {
            if (current != null && (current.version() >= version || now - current.computedAt() < refreshNanos)) {
                return current;
            }
            return new Entry(version, now, compute.get().memoize().indefinitely());
        });
        // A failed computation (an unknown plan, a bad scope) is not kept.
        return entry.view().onFailure().invoke(() -> entries.asMap().remove(key, entry));
    }
}
