package org.coprogram.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.gateway.GatewayConfig;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.scheduler.Scheduled;

/**
 * Token buckets per client (account when authenticated, address otherwise). In-memory per gateway replica: with N
 * replicas a client gets up to N times the rate, which the deployment accounts for.
 */
@ApplicationScoped
public class RateLimiter {

    /** Whether the request may pass and, if not, after how many seconds to retry. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private record Limit(Bucket bucket, long capacity) {
    }

    private final ConcurrentMap<String, Limit> buckets = new ConcurrentHashMap<>();
    private final GatewayConfig.RateLimit limits;

    public RateLimiter(GatewayConfig config) {
        this.limits = config.rateLimit();
    }

    public Decision tryAcquire(String accountId, String address) {
        String key = accountId != null ? "a:" + accountId : "ip:" + address;
        int rate = accountId != null ? limits.perAccountPerSecond() : limits.perIpPerSecond();
        Limit limit = buckets.computeIfAbsent(key, k -> newLimit(rate));
        ConsumptionProbe probe = limit.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, 0);
        }
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        return new Decision(false, seconds);
    }

    private Limit newLimit(int ratePerSecond) {
        long capacity = (long) ratePerSecond * limits.burstSeconds();
        Bucket bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(ratePerSecond, Duration.ofSeconds(1))
                        .build())
                .build();
        return new Limit(bucket, capacity);
    }

    /** Forget idle clients; a full bucket carries no state worth keeping. */
    @Scheduled(every = "60s")
    void evictIdle() {
        buckets.values().removeIf(limit -> limit.bucket().getAvailableTokens() >= limit.capacity());
    }
}
