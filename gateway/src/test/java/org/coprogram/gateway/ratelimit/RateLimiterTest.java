package org.coprogram.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.coprogram.gateway.GatewayConfig;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /**
     * 3 requests/s per account, 2/s per address, one second of burst; heavy requests: 1 at once, then 6 a minute per
     * account and 3 a minute per address.
     */
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
        public long maxUploadBytes() {
            return 0;
        }

        @Override
        public int trustedProxies() {
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

                @Override
                public Heavy heavy() {
                    return new Heavy() {
                        @Override
                        public int perAccountPerMinute() {
                            return 6;
                        }

                        @Override
                        public int perIpPerMinute() {
                            return 3;
                        }

                        @Override
                        public int burst() {
                            return 1;
                        }
                    };
                }
            };
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

    @Test
    void heavyRequestsHaveABucketOfTheirOwnThatRefusesLongBeforeTheGeneralOne() {
        assertThat(limiter.tryAcquire("acct", "10.0.0.1", true).allowed()).isTrue();
        RateLimiter.Decision second = limiter.tryAcquire("acct", "10.0.0.1", true);
        assertThat(second.allowed()).isFalse();
        assertThat(second.heavy()).as("refused by the heavy bucket").isTrue();
        // 6 a minute: the next heavy request in about 10 s
        assertThat(second.retryAfterSeconds()).isBetween(9L, 11L);

        // The general bucket (3) gave 1 and took nothing for the refused request: 2 ordinary requests pass.
        assertThat(limiter.tryAcquire("acct", "10.0.0.1", false).allowed()).isTrue();
        assertThat(limiter.tryAcquire("acct", "10.0.0.1", false).allowed()).isTrue();
        assertThat(limiter.tryAcquire("other", "10.0.0.1", true).allowed()).as("another account").isTrue();
    }

    @Test
    void anonymousHeavyRequestsAreCountedPerAddressAtTheirOwnRate() {
        assertThat(limiter.tryAcquire(null, "10.0.0.1", true).allowed()).isTrue();
        RateLimiter.Decision refused = limiter.tryAcquire(null, "10.0.0.1", true);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.heavy()).isTrue();
        // 3 a minute: the next heavy request in about 20 s
        assertThat(refused.retryAfterSeconds()).isBetween(19L, 21L);

        assertThat(limiter.tryAcquire(null, "10.0.0.1", false).allowed()).as("an ordinary request, meanwhile")
                .isTrue();
        assertThat(limiter.tryAcquire(null, "10.0.0.2", true).allowed()).as("another address").isTrue();
    }

    @Test
    void aHeavyRequestOverTheGeneralLimitIsRefusedByTheGeneralBucketWithItsRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("busy", "10.0.0.1").allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.tryAcquire("busy", "10.0.0.1", true);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.heavy()).as("refused by the general bucket").isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void anIpv6ClientIsLimitedByItsSlash64WhicheverAddressInItItPicks() {
        assertThat(limiter.tryAcquire(null, "2001:db8:1:2::1").allowed()).isTrue();
        assertThat(limiter.tryAcquire(null, "2001:db8:1:2:a:b:c:d").allowed()).isTrue();
        assertThat(limiter.tryAcquire(null, "2001:db8:1:2:ffff:ffff:ffff:fffe").allowed())
                .as("a third address of the same /64 shares its bucket").isFalse();
        assertThat(limiter.tryAcquire(null, "2001:db8:1:3::1").allowed()).as("another /64").isTrue();
    }

    @Test
    void anIpv6ClientsHeavyBucketIsPerSlash64Too() {
        assertThat(limiter.tryAcquire(null, "2001:db8::1", true).allowed()).isTrue();
        assertThat(limiter.tryAcquire(null, "2001:db8::2", true).allowed()).isFalse();
    }

    @Test
    void theBucketOfAnAddress() {
        assertThat(AddressBucket.of("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(AddressBucket.of("2001:db8:1:2:a:b:c:d")).isEqualTo("2001:db8:1:2::/64");
        assertThat(AddressBucket.of("::ffff:10.0.0.1")).as("an IPv4 client seen through IPv6").isEqualTo("10.0.0.1");
        assertThat(AddressBucket.of("::1")).isEqualTo("::/64");
    }
}
