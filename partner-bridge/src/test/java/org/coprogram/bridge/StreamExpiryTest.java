package org.coprogram.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class StreamExpiryTest {

    private static final long EXPIRES_AT = 1_800_000_000L;

    @Test
    void aStreamEndsWhenItsTokenExpiresByTheInjectedClock() {
        Clock minuteBefore = Clock.fixed(Instant.ofEpochSecond(EXPIRES_AT - 60), ZoneOffset.UTC);

        assertThat(PartnerEventStream.untilExpiry(EXPIRES_AT, minuteBefore)).isEqualTo(60_000);
    }

    @Test
    void aStreamWhoseTokenExpiredByTheClockEndsAtOnce() {
        Clock hourAfter = Clock.fixed(Instant.ofEpochSecond(EXPIRES_AT + 3600), ZoneOffset.UTC);

        assertThat(PartnerEventStream.untilExpiry(EXPIRES_AT, hourAfter)).isEqualTo(1);
    }
}
