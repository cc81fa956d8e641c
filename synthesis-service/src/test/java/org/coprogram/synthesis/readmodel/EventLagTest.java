package org.coprogram.synthesis.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The synthesis lag is measured by the service's clock (docs/architecture.md, "Time"), not by the JVM's. */
class EventLagTest {

    private static final Instant APPLIED = Instant.parse("2026-03-02T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventLag lag = new EventLag(registry, Clock.fixed(APPLIED, ZoneOffset.UTC));

    @Test
    void theLagIsFromTheEventsTimeToTheServicesClock() {
        lag.record(OffsetDateTime.ofInstant(APPLIED.minusMillis(1500), ZoneOffset.ofHours(1)));

        assertThat(timer().count()).isEqualTo(1);
        assertThat(timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500.0);
    }

    @Test
    void anEventWithoutATimeOrAheadOfTheClockIsNotCounted() {
        lag.record(null);
        lag.record(OffsetDateTime.ofInstant(APPLIED.plus(Duration.ofSeconds(1)), ZoneOffset.UTC));

        assertThat(timer().count()).isZero();
    }

    private Timer timer() {
        return registry.get("coprogram.synthesis.event.lag").timer();
    }
}
