package org.coprogram.synthesis.readmodel;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The timer {@code coprogram.synthesis.event.lag}: from an event's time to its effect on the read model, measured by
 * the service's clock (docs/architecture.md, "Time") so that a test can move it.
 */
@ApplicationScoped
class EventLag {

    private final Timer lag;
    private final Clock clock;

    EventLag(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.lag = Timer.builder("coprogram.synthesis.event.lag")
                .description("From an event's time to its effect on the synthesis read model")
                .publishPercentiles(0.5, 0.95, 0.99)
                // Cumulative buckets, unlike the windowed percentiles: the share of a whole run within each bound.
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .register(registry);
    }

    /** Records an applied event's lag; an event without a time, or stamped ahead of this clock, is not counted. */
    void record(OffsetDateTime eventTime) {
        if (eventTime != null) {
            Duration elapsed = Duration.between(eventTime.toInstant(), clock.instant());
            if (!elapsed.isNegative()) {
                lag.record(elapsed);
            }
        }
    }
}
