package org.coprogram.common.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

class CallerTest {

    @Test
    void aPartnerIsRecognisedFromItsIdentityAlone() {
        assertThat(Caller.isPartner(identity(Caller.PARTNER))).isTrue();
        assertThat(Caller.isPartner(identity(Caller.CITIZEN))).isFalse();
        assertThat(Caller.isPartner(QuarkusSecurityIdentity.builder().setAnonymous(true).build())).isFalse();
        assertThat(new Caller(identity(Caller.PARTNER), token(Map.of())).isPartner()).isTrue();
    }

    @Test
    void theStaffRegionIsTheRegionClaimOfStaffOnly() {
        assertThat(new Caller(identity(Caller.REGION_STAFF), token(Map.of("region", "puglia"))).staffRegion())
                .hasValue("puglia");
        assertThat(new Caller(identity(Caller.MODERATOR), token(Map.of("region", "abruzzo"))).staffRegion())
                .hasValue("abruzzo");
        assertThat(new Caller(identity(Caller.DISTRICT_OPERATOR), token(Map.of("region", "puglia"))).staffRegion())
                .as("an operator sees no hidden content").isEmpty();
        assertThat(new Caller(identity(Caller.REGION_STAFF), token(Map.of())).staffRegion())
                .as("staff without a region claim are staff of nothing").isEmpty();
    }

    private static SecurityIdentity identity(String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(() -> "someone").addRole(role).build();
    }

    private static JsonWebToken token(Map<String, Object> claims) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "someone";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
