package org.coprogram.telemetry.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Hands clock = new Hands();
    private final VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(5), clock);

    private static SecurityIdentity verified(String token, String name, Instant expires, Object routingContext) {
        Principal principal = () -> name;
        return QuarkusSecurityIdentity.builder().setPrincipal(principal).addRole("cittadino")
                .addCredential(new TokenCredential(token, "bearer"))
                .addAttribute(VerifiedTokens.EXPIRE_TIME, expires.getEpochSecond())
                .addAttribute(VerifiedTokens.ROUTING_CONTEXT, routingContext).build();
    }

    @Test
    void aTokenVerifiedOnceIsServedAgainWithTheNewRequestsContextNotTheFirstOnes() {
        tokens.keep(verified("token-a", "anna", START.plusSeconds(300), "first request"));

        SecurityIdentity again = tokens.find(new String("token-a"), "second request", "its blocking context");

        assertThat(again.getPrincipal().getName()).isEqualTo("anna");
        assertThat(again.getRoles()).containsExactly("cittadino");
        assertThat((Object) again.getAttribute(VerifiedTokens.ROUTING_CONTEXT)).isEqualTo("second request");
        assertThat((Object) again.getAttribute(VerifiedTokens.BLOCKING_CONTEXT)).isEqualTo("its blocking context");
    }

    @Test
    void anotherTokenOfTheSamePersonIsNotFound() {
        tokens.keep(verified("token-a", "anna", START.plusSeconds(300), null));

        assertThat(tokens.find("token-b", null, null)).isNull();
        assertThat(tokens.find("token-a ", null, null)).isNull();
    }

    @Test
    void aTokenIsNotServedOnceItHasExpired() {
        tokens.keep(verified("token-a", "anna", START.plusSeconds(60), null));

        clock.now = START.plusSeconds(59);
        assertThat(tokens.find("token-a", null, null)).isNotNull();
        clock.now = START.plusSeconds(60);
        assertThat(tokens.find("token-a", null, null)).isNull();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        tokens.keep(verified("token-a", "anna", START.plus(Duration.ofHours(10)), null));

        clock.now = START.plus(Duration.ofMinutes(4));
        assertThat(tokens.find("token-a", null, null)).isNotNull();
        clock.now = START.plus(Duration.ofMinutes(5));
        assertThat(tokens.find("token-a", null, null)).isNull();
    }

    @Test
    void anExpiredTokenOrAnIdentityWithoutExpiryOrTokenIsNeverKept() {
        tokens.keep(verified("old", "anna", START.minusSeconds(1), null));
        tokens.keep(QuarkusSecurityIdentity.builder().setPrincipal(() -> "bruno")
                .addCredential(new TokenCredential("no-expiry", "bearer")).build());
        tokens.keep(QuarkusSecurityIdentity.builder().setPrincipal(() -> "carla")
                .addAttribute(VerifiedTokens.EXPIRE_TIME, START.plusSeconds(60).getEpochSecond()).build());

        assertThat(tokens.find("old", null, null)).isNull();
        assertThat(tokens.find("no-expiry", null, null)).isNull();
        assertThat(tokens.cache().estimatedSize()).isZero();
    }
}
