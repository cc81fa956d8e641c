package org.coprogram.proposal.organization;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the registry reaches Keycloak's admin API to set a representative's {@code organization} claim: the realm's
 * confidential client {@code coprogram-organizations}, whose service account may manage users and nothing else of the
 * realm (infra/keycloak/realm-coprogram.json).
 */
@ConfigMapping(prefix = "organizations.keycloak")
public interface AccountsConfig {

    /**
     * The realm whose accounts carry the claims, as its URL ({@code …/realms/<realm>}): by default the one whose tokens
     * the service accepts ({@code quarkus.oidc.auth-server-url}).
     */
    String realmUrl();

    @WithDefault("coprogram-organizations")
    String clientId();

    String clientSecret();

    /** How long one admin call may take before the request fails with 503. */
    @WithDefault("PT10S")
    Duration timeout();
}
