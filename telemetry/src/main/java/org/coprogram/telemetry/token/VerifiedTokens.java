package org.coprogram.telemetry.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * Identities that Quarkus OIDC built from bearer tokens it verified, kept by the token's text until the token expires
 * (at most {@code maxAge}): the same token sent again is not parsed and its signature not checked again. Only an
 * identity that names its expiry (Quarkus OIDC's {@value #EXPIRE_TIME} attribute) is kept. What belongs to one
 * request (its routing context, its blocking-call context) is taken out before an identity is kept and put back, the
 * new request's, when it is served.
 */
public final class VerifiedTokens {

    /** Quarkus OIDC's attribute: the token's {@code exp}, seconds since the epoch. */
    static final String EXPIRE_TIME = "quarkus.identity.expire-time";
    /** What Quarkus keeps of one request in an identity's attributes. */
    static final String ROUTING_CONTEXT = "io.vertx.ext.web.RoutingContext";
    static final String BLOCKING_CONTEXT = "io.quarkus.security.identity.AuthenticationRequestContext";

    private record Kept(SecurityIdentity identity, Instant expiresAt) {
    }

    private final Cache<String, Kept> kept;
    private final Clock clock;
    private final Duration maxAge;

    public VerifiedTokens(int maxSize, Duration maxAge, Clock clock) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.kept = Caffeine.newBuilder().maximumSize(maxSize).recordStats().ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<String, Kept>() {
                    @Override
                    public long expireAfterCreate(String token, Kept entry, long now) {
                        return Math.max(0, Duration.between(clock.instant(), entry.expiresAt()).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String token, Kept entry, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(String token, Kept entry, long now, long current) {
                        return current;
                    }
                }).build();
    }

    /**
     * The identity verified for this token, carrying {@code routingContext} and {@code blockingContext} of the request
     * at hand; null when it was not verified here, or has expired.
     */
    public SecurityIdentity find(String token, Object routingContext, Object blockingContext) {
        Kept entry = kept.getIfPresent(token);
        if (entry == null || !clock.instant().isBefore(entry.expiresAt())) {
            return null;
        }
        return QuarkusSecurityIdentity.builder(entry.identity()).addAttribute(ROUTING_CONTEXT, routingContext)
                .addAttribute(BLOCKING_CONTEXT, blockingContext).build();
    }

    /** Keeps a verified identity; one without a token credential or an expiry is not kept. */
    public void keep(SecurityIdentity identity) {
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        if (identity.isAnonymous() || credential == null || credential.getToken() == null
                || !(identity.getAttribute(EXPIRE_TIME) instanceof Long expireTime)
                || kept.asMap().containsKey(credential.getToken())) {
            return;
        }
        Instant expiresAt = Instant.ofEpochSecond(expireTime);
        Instant latest = clock.instant().plus(maxAge);
        if (!clock.instant().isBefore(expiresAt)) {
            return;
        }
        // The credential's own string is the key: the token's text is held once, by the identity that holds it anyway.
        kept.asMap().putIfAbsent(credential.getToken(), new Kept(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(ROUTING_CONTEXT, null).addAttribute(BLOCKING_CONTEXT, null).build(),
                expiresAt.isBefore(latest) ? expiresAt : latest));
    }

    public Cache<String, ?> cache() {
        return kept;
    }
}
