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
 * Token buckets per client (account when authenticated, address otherwise, see {@link ClientAddress}; an IPv6 address
 * by its /64, see {@link AddressBucket}), and a second,
 * slower bucket per client for {@link HeavyRequests heavy requests}. In-memory per gateway replica: with N replicas a
 * client gets up to N times the rate, which the deployment accounts for.
 */
@ApplicationScoped
public class RateLimiter {

    /**
     * Whether the request may pass and, if not, after how many seconds to retry, and whether it was the heavy bucket
     * that refused it.
     */
    public record Decision(boolean allowed, long retryAfterSeconds, boolean heavy) {
    }

    private record Limit(Bucket bucket, long capacity) {
    }

    private final ConcurrentMap<String, Limit> buckets = new ConcurrentHashMap<>();
    private final GatewayConfig.RateLimit limits;

    public RateLimiter(GatewayConfig config) {
        this.limits = config.rateLimit();
    }

    /** One request of any kind: the caller's general bucket. */
    public Decision tryAcquire(String accountId, String address) {
        return consume(general(accountId, address), false);
    }

    /**
     * One request, heavy ({@link HeavyRequests}) or not. A heavy one takes from the caller's general bucket and from
     * its heavy bucket, which refills at a rate per minute; a request that either refuses takes from neither.
     */
    public Decision tryAcquire(String accountId, String address, boolean heavy) {
        Limit general = general(accountId, address);
        Decision decision = consume(general, false);
        if (!heavy || !decision.allowed()) {
            return decision;
        }
        decision = consume(heavy(accountId, address), true);
        if (!decision.allowed()) {
            general.bucket().addTokens(1);
        }
        return decision;
    }

    private Limit general(String accountId, String address) {
        String key = accountId != null ? "a:" + accountId : "ip:" + AddressBucket.of(address);
        int rate = accountId != null ? limits.perAccountPerSecond() : limits.perIpPerSecond();
        return buckets.computeIfAbsent(key,
                k -> newLimit(rate * (long) limits.burstSeconds(), rate, Duration.ofSeconds(1)));
    }

    private Limit heavy(String accountId, String address) {
        GatewayConfig.Heavy limit = limits.heavy();
        String key = accountId != null ? "heavy-a:" + accountId : "heavy-ip:" + AddressBucket.of(address);
        int perMinute = accountId != null ? limit.perAccountPerMinute() : limit.perIpPerMinute();
        return buckets.computeIfAbsent(key, k -> newLimit(limit.burst(), perMinute, Duration.ofMinutes(1)));
    }

    private static Decision consume(Limit limit, boolean heavy) {
        ConsumptionProbe probe = limit.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, 0, false);
        }
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        return new Decision(false, seconds, heavy);
    }

    private static Limit newLimit(long capacity, long tokens, Duration period) {
        Bucket bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(tokens, period).build())
                .build();
        return new Limit(bucket, capacity);
    }

    /** Forget idle clients; a full bucket carries no state worth keeping. */
    @Scheduled(every = "60s")
    void evictIdle() {
        buckets.values().removeIf(limit -> limit.bucket().getAvailableTokens() >= limit.capacity());
    }
}
