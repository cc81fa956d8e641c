package org.coprogram.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;

class PartnerRoleTest {

    private static final Path CALLER = Path.of("../common/src/main/java/org/coprogram/common/identity/Caller.java");

    @Test
    void theGatewaysPartnerRoleIsCommonsCallerPartner() throws IOException {
        String caller = Files.readString(CALLER);
        Matcher partner = Pattern.compile("String PARTNER = \"([^\"]+)\"").matcher(caller);
        assertThat(partner.find()).as("Caller.PARTNER in " + CALLER).isTrue();
        assertThat(PartnerRole.NAME).isEqualTo(partner.group(1));
        assertThat(caller).as("the predicate the gateway repeats").contains(
                "public static boolean isPartner(SecurityIdentity identity)",
                "return !identity.isAnonymous() && identity.hasRole(role);");
    }

    @Test
    void onlyAnAuthenticatedPartnerIsAPartner() {
        assertThat(PartnerRole.isPartner(QuarkusSecurityIdentity.builder().setPrincipal(() -> "p")
                .addRole(PartnerRole.NAME).build())).isTrue();
        assertThat(PartnerRole.isPartner(QuarkusSecurityIdentity.builder().setPrincipal(() -> "c")
                .addRole("citizen").build())).isFalse();
        assertThat(PartnerRole.isPartner(QuarkusSecurityIdentity.builder().setAnonymous(true).build())).isFalse();
    }
}
