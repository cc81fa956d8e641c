package org.coprogram.common.identity;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** The authenticated person behind a request, with the claims DESIGN.md defines. */
@RequestScoped
public class Caller {

    public static final String CITIZEN = "citizen";
    public static final String ORGANIZATION_REP = "organization-rep";
    public static final String DISTRICT_OPERATOR = "district-operator";
    public static final String MODERATOR = "moderator";
    public static final String REGION_STAFF = "region-staff";
    public static final String PARTNER = "partner";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** The account id ({@code sub}); stored only where the service needs it, never put in events. */
    public String accountId() {
        return token.getSubject();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public Optional<String> region() {
        return claim("region");
    }

    public Optional<String> district() {
        return claim("district");
    }

    public Optional<String> stakeholderCategory() {
        return claim("stakeholder_category");
    }

    public Optional<String> organization() {
        return claim("organization");
    }

    private Optional<String> claim(String name) {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        Object value = token.getClaim(name);
        return value == null ? Optional.empty() : Optional.of(value.toString().replace("\"", ""));
    }
}
