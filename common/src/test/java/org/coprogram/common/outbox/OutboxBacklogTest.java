package org.coprogram.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class OutboxBacklogTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void oldestUnpublishedAgeIsMeasuredAtScrapeTimeAndIsZeroWhenTheOutboxIsEmpty() {
        MeterRegistry registry = new SimpleMeterRegistry();
        OutboxBacklog backlog = new OutboxBacklog(null, Clock.fixed(NOW, ZoneOffset.UTC), registry);
        assertThat(registry.get("coprogram.outbox.oldest.unpublished.age").gauge().value()).isZero();

        backlog.update(new OutboxRepository.Backlog(3, NOW.minusSeconds(45)));
        assertThat(registry.get("coprogram.outbox.oldest.unpublished.age").gauge().value()).isEqualTo(45.0);
        assertThat(registry.get("coprogram.outbox.pending").gauge().value()).isEqualTo(3.0);

        backlog.update(new OutboxRepository.Backlog(0, null));
        assertThat(registry.get("coprogram.outbox.oldest.unpublished.age").gauge().value()).isZero();
        assertThat(registry.get("coprogram.outbox.pending").gauge().value()).isZero();
    }
}
