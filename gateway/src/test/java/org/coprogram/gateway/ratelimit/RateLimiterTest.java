package org.coprogram.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.coprogram.gateway.GatewayConfig;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** 3 requests/s per account, 2/s per address, one second of burst. */
    private final RateLimiter limiter = new RateLimiter(new GatewayConfig() {
        @Override
        public Map<String, URI> services() {
            return Map.of();
        }

        @Override
        public long maxBodyBytes() {
            return 0;
        }

        @Override
        public RateLimit rateLimit() {
            return new RateLimit() {
                @Override
                public int perAccountPerSecond() {
                    return 3;
                }

                @Override
                public int perIpPerSecond() {
                    return 2;
                }

                @Override
                public int burstSeconds() {
                    return 1;
                }
            };
        }

        @Override
        public PartnerStream partnerStream() {
            return null;
        }

        @Override
        public Portal portal() {
            return null;
        }
    });

    @Test
    void anAnonymousAddressGetsItsOwnBucketAndIsToldWhenToRetry() {
        assertThat(limiter.tryAcquire(null, "10.0.0.1").allowed()).isTrue();
        assertThat(limiter.tryAcquire(null, "10.0.0.1").allowed()).isTrue();
        RateLimiter.Decision third = limiter.tryAcquire(null, "10.0.0.1");
        assertThat(third.allowed()).isFalse();
        assertThat(third.retryAfterSeconds()).isEqualTo(1);
        assertThat(limiter.tryAcquire(null, "10.0.0.2").allowed()).as("another address").isTrue();
    }

    @Test
    void anAccountIsLimitedByAccountWhateverAddressItComesFrom() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("acct", "10.0.0." + i).allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire("acct", "10.0.0.9").allowed()).isFalse();
        assertThat(limiter.tryAcquire(null, "10.0.0.9").allowed()).as("the address's own bucket is untouched")
                .isTrue();
    }
}
