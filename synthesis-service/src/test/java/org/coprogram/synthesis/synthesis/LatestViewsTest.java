package org.coprogram.synthesis.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

class LatestViewsTest {

    private final LatestViews.Key key = new LatestViews.Key(UUID.randomUUID(), null, null, false);
    private final AtomicInteger computations = new AtomicInteger();
    /** The views' clock: time passes only when a test says so. */
    private final AtomicLong nanos = new AtomicLong();

    private LatestViews views(Duration refresh) {
        return new LatestViews(new LatestViews.Config() {
            @Override
            public Duration refresh() {
                return refresh;
            }

            @Override
            public int maximumSize() {
                return 10;
            }
        }, new SimpleMeterRegistry(), nanos::get);
    }

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    /** A computation that takes {@code cost} of the views' clock. */
    private Uni<SynthesisView> compute(long version, Duration cost) {
        return compute(version).invoke(() -> pass(cost));
    }

    /** A stand-in view whose version field tells which computation made it. */
    private Uni<SynthesisView> compute(long version) {
        return Uni.createFrom().item(() -> {
            computations.incrementAndGet();
            return new SynthesisView(key.planId(), "Piano", "puglia", null, version, null, null, null, null, null,
                    null, null, null, false, null);
        });
    }

    private long served(LatestViews views, long version) {
        return views.get(key, version, () -> compute(version)).await().indefinitely().version();
    }

    @Test
    void theSameVersionIsComputedOnceWhateverTheNumberOfReaders() {
        LatestViews views = views(Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            assertThat(served(views, 7)).isEqualTo(7);
        }
        assertThat(computations).hasValue(1);
    }

    @Test
    void aNewVersionIsComputedAtOnceWhenNoRefreshIntervalIsSet() {
        LatestViews views = views(Duration.ZERO);
        served(views, 7);
        assertThat(served(views, 8)).isEqualTo(8);
        assertThat(computations).hasValue(2);
    }

    @Test
    void whileTheReadModelMovesACostlyViewYoungerThanTheRefreshIntervalIsServed() {
        LatestViews views = views(Duration.ofMillis(300));
        views.get(key, 7, () -> compute(7, Duration.ofMillis(100))).await().indefinitely();
        assertThat(served(views, 8)).isEqualTo(7);
        pass(Duration.ofMillis(190));
        assertThat(served(views, 9)).as("290 ms old, under the 300 ms refresh").isEqualTo(7);
        pass(Duration.ofMillis(10));
        assertThat(served(views, 9)).as("300 ms old").isEqualTo(9);
        assertThat(computations).hasValue(2);
    }

    @Test
    void aViewThatWasQuickToComputeFollowsTheReadModelBeforeTheRefreshInterval() {
        LatestViews views = views(Duration.ofMinutes(1));
        views.get(key, 7, () -> compute(7, Duration.ofMillis(5))).await().indefinitely();
        pass(Duration.ofMillis(14));
        assertThat(served(views, 8)).as("19 ms old, under four times its 5 ms cost").isEqualTo(7);
        pass(Duration.ofMillis(1));
        assertThat(served(views, 8)).as("20 ms old, four times its cost").isEqualTo(8);
        assertThat(computations).hasValue(2);
    }

    @Test
    void aFailedComputationIsNotKept() {
        LatestViews views = views(Duration.ofMinutes(1));
        assertThatThrownBy(() -> views.get(key, 1, () -> Uni.createFrom().failure(new IllegalStateException("no")))
                .await().indefinitely()).hasMessage("no");
        assertThat(served(views, 1)).isEqualTo(1);
    }

    @Test
    void aViewIsKeyedOnTheScopeItsParametersNameNotOnTheirRawValues() {
        UUID plan = UUID.randomUUID();
        LatestViews.Key region = LatestViews.Key.of(plan, null, null, false);
        assertThat(LatestViews.Key.of(plan, "", "zz-" + UUID.randomUUID(), false)).isEqualTo(region);
        assertThat(LatestViews.Key.of(plan, "region", "anything", false)).isEqualTo(region);
        assertThat(LatestViews.Key.of(plan, "province", "BA", false)).isNotEqualTo(region)
                .isEqualTo(LatestViews.Key.of(plan, "province", "BA", false));
        assertThat(LatestViews.Key.of(plan, null, null, true)).isNotEqualTo(region);
    }
}
