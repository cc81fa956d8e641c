package org.coprogram.telemetry.token;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/** This process' {@link VerifiedTokens}, sized by {@link TokenCacheConfig}, its hits and misses as metrics. */
@ApplicationScoped
public class TokenCache {

    private final boolean enabled;
    private final VerifiedTokens verified;

    public TokenCache(TokenCacheConfig config, MeterRegistry registry) {
        this.enabled = config.enabled();
        this.verified = new VerifiedTokens(config.maxSize(), config.maxAge(), Clock.systemUTC());
        CaffeineCacheMetrics.monitor(registry, verified.cache(), "verified_tokens");
    }

    boolean enabled() {
        return enabled;
    }

    VerifiedTokens verified() {
        return verified;
    }
}
