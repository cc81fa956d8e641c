package org.coprogram.telemetry.token;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Asked before Quarkus OIDC's own provider: a bearer token verified earlier in this process gets its identity back
 * from {@link TokenCache}; any other token is left to OIDC (a null identity sends the request on to the next
 * provider), whose identity {@link VerifiedTokenRecorder} then keeps.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final Uni<SecurityIdentity> NOT_HERE = Uni.createFrom().nullItem();

    private final TokenCache tokens;

    public CachedTokenIdentityProvider(TokenCache tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Above every provider's default ({@code IdentityProvider.priority()} is 1001, OIDC's included). */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (!tokens.enabled() || request.getToken() == null || request.getToken().getToken() == null) {
            return NOT_HERE;
        }
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        SecurityIdentity found = tokens.verified().find(request.getToken().getToken(), routing,
                routing == null ? null : routing.get(AuthenticationRequestContext.class.getName()));
        return found == null ? NOT_HERE : Uni.createFrom().item(found);
    }
}
