package org.coprogram.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class OpenApiCacheTest {

    private static final Instant MERGED = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theMergedDocumentIsServedFromMemoryForThirtySecondsByTheInjectedClock() {
        assertThat(AggregatedOpenApi.fresh(MERGED.toEpochMilli(), at(Duration.ofSeconds(29)))).isTrue();
        assertThat(AggregatedOpenApi.fresh(MERGED.toEpochMilli(), at(Duration.ofSeconds(30)))).isFalse();
    }

    private static Clock at(Duration afterMerge) {
        return Clock.fixed(MERGED.plus(afterMerge), ZoneOffset.UTC);
    }
}
