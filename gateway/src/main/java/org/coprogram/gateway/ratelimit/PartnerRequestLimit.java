package org.coprogram.gateway.ratelimit;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.bridge.RequestLimit;
import org.coprogram.gateway.GatewayConfig;
import org.coprogram.gateway.proxy.ApiProxy;

import io.vertx.core.http.HttpServerRequest;

/** Opening a partner stream is a request like any other for the gateway's rate limiter. */
@ApplicationScoped
public class PartnerRequestLimit implements RequestLimit {

    private final RateLimiter rateLimiter;
    private final int trustedProxies;

    public PartnerRequestLimit(RateLimiter rateLimiter, GatewayConfig config) {
        this.rateLimiter = rateLimiter;
        this.trustedProxies = config.trustedProxies();
    }

    @Override
    public OptionalLong refuse(String account, HttpServerRequest request) {
        RateLimiter.Decision decision = rateLimiter.tryAcquire(account,
                ApiProxy.clientAddress(request, trustedProxies));
        return decision.allowed() ? OptionalLong.empty() : OptionalLong.of(decision.retryAfterSeconds());
    }
}
