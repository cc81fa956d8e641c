package org.coprogram.telemetry.token;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * The first augmentor to see an identity, so what it keeps is the identity as the provider built it: the other
 * augmentors (the person role) run again on every request, cached or not.
 */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    private final TokenCache tokens;

    public VerifiedTokenRecorder(TokenCache tokens) {
        this.tokens = tokens;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (tokens.enabled()) {
            tokens.verified().keep(identity);
        }
        return Uni.createFrom().item(identity);
    }
}
